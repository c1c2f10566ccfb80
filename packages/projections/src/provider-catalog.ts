import { foldProvider, isProviderEvent, linkScopeOf, nameKey, scopeKey, slotKey, type ProviderEvent } from '@providers/domain';
import type { Json } from '@providers/store';
import { CATALOG_RECORDS, stampOf } from './catalog-records.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, readLink, readProvider, readStamp } from './catalog-snapshot.js';
import type { CatalogProvider, DefaultUsage, InstanceUsage, Link, ListOptions, OrgCatalog, ProviderUsages, ServiceUsage } from './catalog-types.js';
import type { ProjectedEvent } from './projected-event.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';
import { compareText } from './text-order.js';

const emptyOrg = (): OrgCatalog => ({ providers: new Map(), byName: new Map(), links: new Map(), slotsByProvider: new Map(), defaults: new Map() });

/**
 * The provider catalog: the providers of each org with where they are used
 * (services, stage-wide and regional instance links, defaults), kept current
 * across renames, replacements, unlinks and forced removals.
 */
export class ProviderCatalog implements SnapshottableReadModel {
  readonly snapshotName = SNAPSHOT_FORMAT;
  private readonly orgs = new Map<string, OrgCatalog>();
  /** The last global position folded in. */
  position = 0n;

  apply(e: ProjectedEvent): void {
    if (e.position > this.position) this.position = e.position;
    const org = this.org(e.orgId);
    const { event } = e;
    if (isProviderEvent(event)) return this.foldProvider(org, event, e);
    switch (event.type) {
      case 'DefaultProviderSet':
        org.defaults.set(event.data.type, { providerId: event.data.providerId, set: stampOf(e) });
        return;
      case 'DefaultProviderCleared':
        if (org.defaults.get(event.data.type)?.providerId === event.data.providerId) org.defaults.delete(event.data.type);
        return;
      case 'ProviderLinkedToService':
      case 'ProviderLinkedToInstance': {
        const provider = org.providers.get(event.data.providerId);
        if (!provider) return;
        this.link(org, { providerId: provider.id, scope: linkScopeOf(event.data), linked: stampOf(e) }, provider.type);
        return;
      }
      case 'ProviderUnlinkedFromService':
      case 'ProviderUnlinkedFromInstance': {
        const provider = org.providers.get(event.data.providerId);
        if (!provider) return;
        const slot = slotKey(provider.type, linkScopeOf(event.data));
        if (org.links.get(slot)?.providerId === provider.id) org.links.delete(slot);
        org.slotsByProvider.get(provider.id)?.delete(slot);
        return;
      }
      case 'LocalCredentialsLinked': {
        // The provider it replaced is no longer used there; local credentials are no provider's usage.
        const slot = slotKey(event.data.type, linkScopeOf(event.data));
        const replaced = org.links.get(slot);
        if (!replaced) return;
        org.links.delete(slot);
        org.slotsByProvider.get(replaced.providerId)?.delete(slot);
        return;
      }
      default:
        return;
    }
  }

  /** The shared fold of providers, and the catalog's own indexes: current names, and the usages a removal ends. */
  private foldProvider(org: OrgCatalog, event: ProviderEvent, e: ProjectedEvent): void {
    const { providerId } = event.data;
    const before = org.providers.get(providerId);
    foldProvider(CATALOG_RECORDS, org.providers, event, e);
    const after = org.providers.get(providerId);
    if (before?.removed || !after) return;
    if (before && org.byName.get(nameKey(before.name)) === providerId) org.byName.delete(nameKey(before.name));
    if (!after.removed) return void org.byName.set(nameKey(after.name), providerId);
    // A forced removal has already released every usage, each as an event; drop any left so none dangles.
    for (const slot of org.slotsByProvider.get(providerId) ?? []) if (org.links.get(slot)?.providerId === providerId) org.links.delete(slot);
    org.slotsByProvider.delete(providerId);
    for (const [type, entry] of org.defaults) if (entry.providerId === providerId) org.defaults.delete(type);
  }

  /** The providers of an org, by name (case-insensitive); removed ones only when asked. */
  list(orgId: string, options: ListOptions = {}): CatalogProvider[] {
    const org = this.orgs.get(orgId);
    if (!org) return [];
    return [...org.providers.values()]
      .filter((p) => options.includeRemoved || !p.removed)
      .sort((a, b) => compareText(nameKey(a.name), nameKey(b.name)) || compareText(a.id, b.id));
  }

  /** A provider by id (removed ones included), or a current provider by name regardless of case. */
  get(orgId: string, idOrName: string): CatalogProvider | undefined {
    const org = this.orgs.get(orgId);
    if (!org) return undefined;
    return org.providers.get(idOrName) ?? org.providers.get(org.byName.get(nameKey(idOrName)) ?? '');
  }

  /** Where a provider is in use now: services, instances and defaults, each sorted by scope. */
  usages(orgId: string, providerId: string): ProviderUsages {
    const org = this.orgs.get(orgId);
    const services: ServiceUsage[] = [];
    const instances: InstanceUsage[] = [];
    const defaults: DefaultUsage[] = [];
    if (!org) return { services, instances, defaults };
    const links = [...(org.slotsByProvider.get(providerId) ?? [])]
      .map((slot) => org.links.get(slot))
      .filter((link): link is Link => link?.providerId === providerId)
      .sort((a, b) => compareText(scopeKey(a.scope), scopeKey(b.scope)));
    for (const { scope, linked } of links) {
      if (scope.kind === 'service') services.push({ app: scope.app, service: scope.service, linked });
      else
        instances.push({
          app: scope.app,
          service: scope.service,
          stage: scope.stage,
          ...(scope.kind === 'instance' ? { region: scope.region } : {}),
          linked,
        });
    }
    for (const [type, entry] of [...org.defaults].sort(([a], [b]) => compareText(a, b)))
      if (entry.providerId === providerId) defaults.push({ type, set: entry.set });
    return { services, instances, defaults };
  }

  /** The catalog as JSON: providers, links and defaults per org, sorted. */
  snapshot(): Json {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      position: String(this.position),
      orgs: [...this.orgs.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([orgId, org]) => ({
          orgId,
          providers: [...org.providers.values()].sort((a, b) => compareText(a.id, b.id)) as unknown as Json,
          links: [...org.links.entries()]
            .sort(([a], [b]) => compareText(a, b))
            .map(([, link]) => link as unknown as Json),
          defaults: [...org.defaults.entries()]
            .sort(([a], [b]) => compareText(a, b))
            .map(([type, entry]) => ({ type, providerId: entry.providerId, set: entry.set as unknown as Json })),
        })),
    };
  }

  /** Replaces the catalog with a snapshot taken by `snapshot()`. */
  restore(snapshot: Json): void {
    const read: SnapshotReader = new SnapshotReader(SNAPSHOT_FORMAT);
    const root = read.envelope(snapshot, SNAPSHOT_VERSION);
    const position = read.position(root.position, '$.position');
    const orgs = read.orgs(root, (raw, path) => {
      const org = emptyOrg();
      read.array(raw.providers, `${path}.providers`).forEach((p, j) => {
        const provider = readProvider(read, p, `${path}.providers[${j}]`);
        org.providers.set(provider.id, provider);
        if (!provider.removed) org.byName.set(nameKey(provider.name), provider.id);
      });
      read.array(raw.links, `${path}.links`).forEach((l, j) => {
        const link = readLink(read, l, `${path}.links[${j}]`);
        const type = org.providers.get(link.providerId)?.type;
        if (type === undefined) read.fail(`${path}.links[${j}].providerId`, 'links a provider the snapshot does not hold');
        this.link(org, link, type);
      });
      read.array(raw.defaults, `${path}.defaults`).forEach((d, j) => {
        const entry = read.object(d, `${path}.defaults[${j}]`);
        org.defaults.set(read.string(entry.type, `${path}.defaults[${j}].type`), {
          providerId: read.string(entry.providerId, `${path}.defaults[${j}].providerId`),
          set: readStamp(read, entry.set, `${path}.defaults[${j}].set`),
        });
      });
      return org;
    });
    this.orgs.clear();
    for (const [orgId, org] of orgs) this.orgs.set(orgId, org);
    this.position = position;
  }

  private link(org: OrgCatalog, link: Link, providerType: string): void {
    const slot = slotKey(providerType, link.scope);
    const replaced = org.links.get(slot);
    if (replaced) org.slotsByProvider.get(replaced.providerId)?.delete(slot);
    org.links.set(slot, link);
    let slots = org.slotsByProvider.get(link.providerId);
    if (!slots) org.slotsByProvider.set(link.providerId, (slots = new Set()));
    slots.add(slot);
  }

  private org(orgId: string): OrgCatalog {
    let org = this.orgs.get(orgId);
    if (!org) this.orgs.set(orgId, (org = emptyOrg()));
    return org;
  }
}
