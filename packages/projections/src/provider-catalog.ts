import {
  foldProvider,
  isProviderEvent,
  linkScopeOf,
  nameKey,
  scopeKey,
  slotKey,
  type Actor,
  type ActorRole,
  type LinkScope,
  type ProviderCredentials,
  type ProviderEvent,
  type ProviderRecords,
} from '@providers/domain';
import type { Json } from '@providers/store';
import type { ProjectedEvent } from './projected-event.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';
import { compareText } from './text-order.js';

/** Who did something, when, and where in the log. */
export interface Stamp {
  readonly actor: { readonly id: string; readonly role: ActorRole };
  readonly at: string;
  /** Global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/**
 * A provider as the catalog shows it: what it is and where its credentials
 * point, never their secret values. Static keys show the access key id (not
 * secret); secret fields show their names only.
 */
export interface CatalogProvider {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly credentialsKind: ProviderCredentials['kind'];
  readonly accountId?: string;
  /** Access role only. */
  readonly roleArn?: string;
  /** Access role only; not secret (AWS's guidance for third-party roles). */
  readonly externalId?: string;
  /** Access role only. */
  readonly sessionDurationSeconds?: number;
  /** Static keys only. */
  readonly accessKeyId?: string;
  /** Secret fields only: the field names, never their values. */
  readonly secretFieldNames?: readonly string[];
  readonly addedAt: string;
  readonly addedBy: Actor;
  /** The last credentials update, if any. */
  readonly credentialsUpdated?: Stamp;
  /** Set once the provider is removed (removed providers stay listed for history). */
  readonly removed?: Stamp & { readonly shredded?: boolean };
}

/** A service the provider is linked to. */
export interface ServiceUsage {
  readonly app: string;
  readonly service: string;
  readonly linked: Stamp;
}

/** An instance the provider is linked to; no region means the whole stage (every region, and component services). */
export interface InstanceUsage {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
  readonly linked: Stamp;
}

/** The provider is the organization default for this type. */
export interface DefaultUsage {
  readonly type: string;
  readonly set: Stamp;
}

/** Where a provider is in use, each usage with the event that set it. */
export interface ProviderUsages {
  readonly services: readonly ServiceUsage[];
  readonly instances: readonly InstanceUsage[];
  readonly defaults: readonly DefaultUsage[];
}

/** Options of `ProviderCatalog.list`. */
export interface ListOptions {
  /** List removed providers too (default: only current ones). */
  readonly includeRemoved?: boolean;
}

interface Link {
  readonly providerId: string;
  readonly scope: LinkScope;
  readonly linked: Stamp;
}

interface OrgCatalog {
  readonly providers: Map<string, CatalogProvider>;
  /** Lower-cased name → id, current providers only. */
  readonly byName: Map<string, string>;
  /** slotKey(type, scope) → link. */
  readonly links: Map<string, Link>;
  /** provider id → its slot keys. */
  readonly slotsByProvider: Map<string, Set<string>>;
  /** type → default provider id and when it was set. */
  readonly defaults: Map<string, { readonly providerId: string; readonly set: Stamp }>;
}

const emptyOrg = (): OrgCatalog => ({ providers: new Map(), byName: new Map(), links: new Map(), slotsByProvider: new Map(), defaults: new Map() });

const stampOf = (e: ProjectedEvent): Stamp => ({
  actor: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  at: e.metadata.occurredAt,
  position: String(e.position),
});

/** What the catalog shows of a provider's credentials: everything but the secret values. */
const describeCredentials = (credentials: ProviderCredentials) => {
  switch (credentials.kind) {
    case 'aws-role':
      return {
        credentialsKind: credentials.kind,
        roleArn: credentials.roleArn,
        externalId: credentials.externalId,
        sessionDurationSeconds: credentials.sessionDurationSeconds,
      };
    case 'aws-keys':
      return { credentialsKind: credentials.kind, accessKeyId: credentials.accessKeyId };
    case 'secret':
      return { credentialsKind: credentials.kind, secretFieldNames: Object.keys(credentials.fields).sort() };
  }
};

const CREDENTIAL_DETAILS = ['roleArn', 'externalId', 'sessionDurationSeconds', 'accessKeyId', 'secretFieldNames', 'accountId'] as const;

/** What the catalog keeps of a provider: a description of its credentials, who added and changed it; kept once removed. */
const CATALOG_RECORDS: ProviderRecords<CatalogProvider, ProjectedEvent> = {
  added: ({ providerId, name, type, credentials, accountId }, e) => ({
    id: providerId,
    name,
    type,
    ...describeCredentials(credentials),
    ...(accountId ? { accountId } : {}),
    addedAt: e.metadata.occurredAt,
    addedBy: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  }),
  renamed: (provider, { to }) => ({ ...provider, name: to }),
  credentialsUpdated: (provider, { credentials, accountId }, e) => {
    const rest: Record<string, unknown> = { ...provider };
    for (const field of CREDENTIAL_DETAILS) delete rest[field];
    return {
      ...(rest as unknown as CatalogProvider),
      ...describeCredentials(credentials),
      ...(accountId ? { accountId } : {}),
      credentialsUpdated: stampOf(e),
    };
  },
  removed: (provider, { shredded }, e) => ({ ...provider, removed: { ...stampOf(e), ...(shredded ? { shredded: true } : {}) } }),
  isRemoved: (provider) => provider.removed !== undefined,
};

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

const SNAPSHOT_FORMAT = 'provider-catalog';
const SNAPSHOT_VERSION = 1;

const ROLES: readonly string[] = ['owner', 'admin', 'member', 'system'];
const KINDS: readonly string[] = ['aws-role', 'aws-keys', 'secret'];

const readActor = (read: SnapshotReader, u: unknown, path: string): Actor => {
  const actor = read.object(u, path);
  const role = read.string(actor.role, `${path}.role`);
  if (!ROLES.includes(role)) read.fail(`${path}.role`, `expected one of ${ROLES.join(', ')}`);
  return { id: read.string(actor.id, `${path}.id`), role: role as ActorRole };
};

const readStamp = (read: SnapshotReader, u: unknown, path: string): Stamp => {
  const stamp = read.object(u, path);
  return {
    actor: readActor(read, stamp.actor, `${path}.actor`),
    at: read.string(stamp.at, `${path}.at`),
    position: String(read.position(stamp.position, `${path}.position`)),
  };
};

const readProvider = (read: SnapshotReader, u: unknown, path: string): CatalogProvider => {
  const p = read.object(u, path);
  const kind = read.string(p.credentialsKind, `${path}.credentialsKind`);
  if (!KINDS.includes(kind)) read.fail(`${path}.credentialsKind`, `expected one of ${KINDS.join(', ')}`);
  const optional = (field: 'accountId' | 'roleArn' | 'externalId' | 'accessKeyId') => {
    const value = read.optionalString(p[field], `${path}.${field}`);
    return value === undefined ? {} : { [field]: value };
  };
  const removed = p.removed === undefined ? undefined : read.object(p.removed, `${path}.removed`);
  return {
    id: read.string(p.id, `${path}.id`),
    name: read.string(p.name, `${path}.name`),
    type: read.string(p.type, `${path}.type`),
    credentialsKind: kind as CatalogProvider['credentialsKind'],
    ...optional('accountId'),
    ...optional('roleArn'),
    ...optional('externalId'),
    ...(p.sessionDurationSeconds !== undefined ? { sessionDurationSeconds: read.number(p.sessionDurationSeconds, `${path}.sessionDurationSeconds`) } : {}),
    ...optional('accessKeyId'),
    ...(p.secretFieldNames !== undefined
      ? { secretFieldNames: read.array(p.secretFieldNames, `${path}.secretFieldNames`).map((f, k) => read.string(f, `${path}.secretFieldNames[${k}]`)) }
      : {}),
    addedAt: read.string(p.addedAt, `${path}.addedAt`),
    addedBy: readActor(read, p.addedBy, `${path}.addedBy`),
    ...(p.credentialsUpdated !== undefined ? { credentialsUpdated: readStamp(read, p.credentialsUpdated, `${path}.credentialsUpdated`) } : {}),
    ...(removed !== undefined
      ? { removed: { ...readStamp(read, removed, `${path}.removed`), ...(removed.shredded === true ? { shredded: true } : {}) } }
      : {}),
  };
};

const readLink = (read: SnapshotReader, u: unknown, path: string): Link => {
  const link = read.object(u, path);
  const scope = read.object(link.scope, `${path}.scope`);
  const field = (name: 'app' | 'service' | 'stage' | 'region') => read.string(scope[name], `${path}.scope.${name}`);
  const kind = read.string(scope.kind, `${path}.scope.kind`);
  const parsed: LinkScope =
    kind === 'service'
      ? { kind, app: field('app'), service: field('service') }
      : kind === 'stage'
        ? { kind, app: field('app'), service: field('service'), stage: field('stage') }
        : kind === 'instance'
          ? { kind, app: field('app'), service: field('service'), stage: field('stage'), region: field('region') }
          : read.fail(`${path}.scope.kind`, 'expected service, stage or instance');
  return { providerId: read.string(link.providerId, `${path}.providerId`), scope: parsed, linked: readStamp(read, link.linked, `${path}.linked`) };
};
