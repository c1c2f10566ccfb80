import { clearDefault, foldProvider, isProviderEvent, linkScopeOf, nameKey, scopeKey, slotKey, type ProviderEvent } from '@providers/domain';
import type { Json } from '@providers/store';
import { CATALOG_RECORDS, stampOf } from './catalog-records.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, readLink, readProvider, readStamp } from './catalog-snapshot.js';
import type { CatalogProvider, DefaultUsage, InstanceUsage, Link, ListOptions, OrgCatalog, ProviderUsages, ServiceUsage } from './catalog-types.js';
import { foldLink, type LinkRecords } from './link-fold.js';
import { OrgReadModel } from './org-read-model.js';
import type { ProjectedEvent } from './projected-event.js';
import type { SnapshotReader } from './snapshot.js';
import { readEach, type SnapshotFields } from './snapshot-fields.js';
import { compareText } from './text-order.js';

/**
 * The provider catalog: the providers of each org with where they are used
 * (services, stage-wide and regional instance links, defaults), kept current
 * across renames, replacements, unlinks and forced removals.
 */
export class ProviderCatalog extends OrgReadModel<OrgCatalog> {
  constructor() {
    super(SNAPSHOT_FORMAT, SNAPSHOT_VERSION);
  }

  protected fold(org: OrgCatalog, e: ProjectedEvent): void {
    const { event } = e;
    if (isProviderEvent(event)) return this.foldProvider(org, event, e);
    if (foldLink(CATALOG_LINKS, org, e)) return;
    switch (event.type) {
      case 'DefaultProviderSet':
        org.defaults.set(event.data.type, { providerId: event.data.providerId, set: stampOf(e) });
        return;
      case 'DefaultProviderCleared':
        return clearDefault(org.defaults, event.data);
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

  protected emptyOrg(): OrgCatalog {
    return { providers: new Map(), byName: new Map(), links: new Map(), slotsByProvider: new Map(), defaults: new Map() };
  }

  /** An org of the catalog as JSON: its providers, links and defaults, sorted. */
  protected orgSnapshot(org: OrgCatalog) {
    return {
      providers: [...org.providers.values()].sort((a, b) => compareText(a.id, b.id)) as unknown as Json,
      links: [...org.links.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([, link]) => link as unknown as Json),
      defaults: [...org.defaults.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([type, entry]) => ({ type, providerId: entry.providerId, set: entry.set as unknown as Json })),
    };
  }

  /** An org of the catalog read back from `orgSnapshot`; a link must name a provider the snapshot holds. */
  protected readOrg(read: SnapshotReader, fields: SnapshotFields, path: string): OrgCatalog {
    const org = this.emptyOrg();
    readEach(read, fields, path, 'providers', (p, at) => {
      const provider = readProvider(read, p, at);
      org.providers.set(provider.id, provider);
      if (!provider.removed) org.byName.set(nameKey(provider.name), provider.id);
    });
    readEach(read, fields, path, 'links', (l, at) => {
      const link = readLink(read, l, at);
      const type = org.providers.get(link.providerId)?.type;
      if (type === undefined) read.fail(`${at}.providerId`, 'links a provider the snapshot does not hold');
      setLink(org, link, type);
    });
    readEach(read, fields, path, 'defaults', (d, at) => {
      const entry = read.object(d, at);
      org.defaults.set(read.string(entry.type, `${at}.type`), {
        providerId: read.string(entry.providerId, `${at}.providerId`),
        set: readStamp(read, entry.set, `${at}.set`),
      });
    });
    return org;
  }
}

/** Links a slot to a provider, releasing the provider it held there. */
const setLink = (org: OrgCatalog, link: Link, providerType: string): void => {
  const slot = slotKey(providerType, link.scope);
  const replaced = org.links.get(slot);
  if (replaced) org.slotsByProvider.get(replaced.providerId)?.delete(slot);
  org.links.set(slot, link);
  let slots = org.slotsByProvider.get(link.providerId);
  if (!slots) org.slotsByProvider.set(link.providerId, (slots = new Set()));
  slots.add(slot);
};

/** The catalog's links: each provider's usages by slot. Local credentials are no provider's usage, so the catalog keeps none. */
const CATALOG_LINKS: LinkRecords<OrgCatalog> = {
  provider: (org, providerId) => org.providers.get(providerId),
  linked: (org, type, place, providerId, e) => {
    if (providerId !== null) return setLink(org, { providerId, scope: linkScopeOf(place), linked: stampOf(e) }, type);
    // The provider that local credentials replaced is no longer used there.
    const slot = slotKey(type, linkScopeOf(place));
    const replaced = org.links.get(slot);
    if (!replaced) return;
    org.links.delete(slot);
    org.slotsByProvider.get(replaced.providerId)?.delete(slot);
  },
  unlinked: (org, type, place, providerId) => {
    if (providerId === null) return;
    const slot = slotKey(type, linkScopeOf(place));
    if (org.links.get(slot)?.providerId === providerId) org.links.delete(slot);
    org.slotsByProvider.get(providerId)?.delete(slot);
  },
};
