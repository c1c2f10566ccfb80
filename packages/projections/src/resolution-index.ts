import * as E from 'fp-ts/lib/Either.js';
import { ProviderCredentials, slotKey, type Scope, type ScopeKind } from '@providers/domain';
import type { Json } from '@providers/store';
import type { ProjectedEvent } from './projected-event.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';

/** Which credentials does this deployment use? */
export interface ResolveRequest {
  readonly orgId: string;
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
  /** The vendor; `aws` unless said. */
  readonly type?: string;
}

/** The event that set a scope: who, when, where in the log. */
export interface SetBy {
  readonly actor: string;
  readonly at: string;
  /** Global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/** One scope looked at while resolving, and what it holds. */
export interface ChainLink {
  readonly scope: ScopeKind;
  readonly key: string;
  readonly providerId: string | null;
  readonly setBy: SetBy | null;
}

export interface ResolvedProvider {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly accountId?: string;
  readonly credentials: ProviderCredentials;
}

export type ResolutionSource = ScopeKind | 'none';

/** The answer, where it came from, and why. */
export interface Resolution {
  readonly source: ResolutionSource;
  readonly provider: ResolvedProvider | null;
  /** Every scope from the most specific to the org default, in the order they are looked at. */
  readonly chain: readonly ChainLink[];
}

// Compact on purpose: an index holds millions of these. The position is a
// number (exact up to 2^53) to avoid a bigint per entry.
interface Entry {
  readonly providerId: string;
  readonly actor: string;
  readonly at: string;
  readonly position: number;
}

interface OrgIndex {
  readonly providers: Map<string, ResolvedProvider>;
  /** slotKey(type, scope) → entry. */
  readonly links: Map<string, Entry>;
  /** type → entry. */
  readonly defaults: Map<string, Entry>;
}

const entryOf = (e: ProjectedEvent, providerId: string): Entry => ({
  providerId,
  actor: e.metadata.actor.id,
  at: e.metadata.occurredAt,
  position: Number(e.position),
});

/**
 * The resolution index: O(1) per scope. Answers instance link → stage link →
 * service link → org default → none, with the chain of scopes it looked at.
 */
export class ResolutionIndex implements SnapshottableReadModel {
  readonly snapshotName = SNAPSHOT_FORMAT;
  private readonly orgs = new Map<string, OrgIndex>();
  /** The last global position folded in: the index's checkpoint. */
  position = 0n;

  apply(e: ProjectedEvent): void {
    if (e.position > this.position) this.position = e.position;
    const org = this.org(e.orgId);
    const { event } = e;
    switch (event.type) {
      case 'ProviderAdded': {
        const { providerId, name, type, credentials, accountId } = event.data;
        org.providers.set(providerId, { id: providerId, name, type, credentials, ...(accountId ? { accountId } : {}) });
        return;
      }
      case 'ProviderRenamed': {
        const provider = org.providers.get(event.data.providerId);
        if (provider) org.providers.set(provider.id, { ...provider, name: event.data.to });
        return;
      }
      case 'ProviderCredentialsUpdated': {
        const provider = org.providers.get(event.data.providerId);
        if (!provider) return;
        const { accountId: _previous, ...rest } = provider;
        const { credentials, accountId } = event.data;
        org.providers.set(provider.id, { ...rest, credentials, ...(accountId ? { accountId } : {}) });
        return;
      }
      case 'ProviderRemoved':
        org.providers.delete(event.data.providerId);
        return;
      case 'DefaultProviderSet':
        org.defaults.set(event.data.type, entryOf(e, event.data.providerId));
        return;
      case 'DefaultProviderCleared':
        if (org.defaults.get(event.data.type)?.providerId === event.data.providerId) org.defaults.delete(event.data.type);
        return;
      case 'ProviderLinkedToService':
      case 'ProviderLinkedToInstance': {
        const type = org.providers.get(event.data.providerId)?.type;
        if (type) org.links.set(slotKey(type, scopeOf(event.data)), entryOf(e, event.data.providerId));
        return;
      }
      case 'ProviderUnlinkedFromService':
      case 'ProviderUnlinkedFromInstance': {
        const type = org.providers.get(event.data.providerId)?.type;
        if (!type) return;
        const slot = slotKey(type, scopeOf(event.data));
        if (org.links.get(slot)?.providerId === event.data.providerId) org.links.delete(slot);
        return;
      }
      default:
        return;
    }
  }

  /** Which provider this deployment uses, where that came from, and the chain looked at. */
  resolve(request: ResolveRequest): Resolution {
    const type = request.type ?? 'aws';
    const org = this.orgs.get(request.orgId);
    const { app, service, stage, region } = request;
    const scopes: Scope[] = [
      ...(region !== undefined ? [{ kind: 'instance', app, service, stage, region } as const] : []),
      { kind: 'stage', app, service, stage },
      { kind: 'service', app, service },
      { kind: 'org-default' },
    ];
    let source: ResolutionSource = 'none';
    let provider: ResolvedProvider | null = null;
    const chain = scopes.map((scope): ChainLink => {
      const entry = scope.kind === 'org-default' ? org?.defaults.get(type) : org?.links.get(slotKey(type, scope));
      const found = entry ? org?.providers.get(entry.providerId) : undefined;
      if (found && !provider) {
        provider = found;
        source = scope.kind;
      }
      return {
        scope: scope.kind,
        key: scope.kind === 'org-default' ? `org/${type}` : slotKey(type, scope).slice(type.length + 1),
        providerId: entry?.providerId ?? null,
        setBy: entry ? { actor: entry.actor, at: entry.at, position: String(entry.position) } : null,
      };
    });
    return { source, provider, chain };
  }

  /** A provider of an org by id, as the index knows it. */
  provider(orgId: string, providerId: string): ResolvedProvider | undefined {
    return this.orgs.get(orgId)?.providers.get(providerId);
  }

  /** The index as JSON: providers (credentials as stored, sealed), links and defaults per org, sorted. */
  snapshot(): Json {
    const orgs = [...this.orgs.entries()].sort(([a], [b]) => compare(a, b));
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      position: String(this.position),
      orgs: orgs.map(([orgId, org]) => ({
        orgId,
        providers: [...org.providers.values()].sort((a, b) => compare(a.id, b.id)).map((p) => p as unknown as Json),
        links: sortedEntries(org.links).map(([slot, entry]) => ({ slot, ...entry })),
        defaults: sortedEntries(org.defaults).map(([type, entry]) => ({ type, ...entry })),
      })),
    };
  }

  /** Replaces the index with a snapshot taken by `snapshot()`. */
  restore(snapshot: Json): void {
    const read: SnapshotReader = new SnapshotReader(SNAPSHOT_FORMAT);
    const root = read.envelope(snapshot, SNAPSHOT_VERSION);
    const position = read.position(root.position, '$.position');
    const orgs = new Map<string, OrgIndex>();
    read.array(root.orgs, '$.orgs').forEach((o, i) => {
      const path = `$.orgs[${i}]`;
      const org = read.object(o, path);
      const index: OrgIndex = { providers: new Map(), links: new Map(), defaults: new Map() };
      read.array(org.providers, `${path}.providers`).forEach((p, j) => {
        const provider = readProvider(read, p, `${path}.providers[${j}]`);
        index.providers.set(provider.id, provider);
      });
      read.array(org.links, `${path}.links`).forEach((l, j) => {
        const link = read.object(l, `${path}.links[${j}]`);
        index.links.set(read.string(link.slot, `${path}.links[${j}].slot`), readEntry(read, link, `${path}.links[${j}]`));
      });
      read.array(org.defaults, `${path}.defaults`).forEach((d, j) => {
        const entry = read.object(d, `${path}.defaults[${j}]`);
        index.defaults.set(read.string(entry.type, `${path}.defaults[${j}].type`), readEntry(read, entry, `${path}.defaults[${j}]`));
      });
      orgs.set(read.string(org.orgId, `${path}.orgId`), index);
    });
    this.orgs.clear();
    for (const [orgId, org] of orgs) this.orgs.set(orgId, org);
    this.position = position;
  }

  private org(orgId: string): OrgIndex {
    let org = this.orgs.get(orgId);
    if (!org) this.orgs.set(orgId, (org = { providers: new Map(), links: new Map(), defaults: new Map() }));
    return org;
  }
}

const SNAPSHOT_FORMAT = 'resolution-index';
const SNAPSHOT_VERSION = 1;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sortedEntries = <V>(map: Map<string, V>): [string, V][] => [...map.entries()].sort(([a], [b]) => compare(a, b));

const readEntry = (read: SnapshotReader, entry: { readonly [key: string]: unknown }, path: string): Entry => ({
  providerId: read.string(entry.providerId, `${path}.providerId`),
  actor: read.string(entry.actor, `${path}.actor`),
  at: read.string(entry.at, `${path}.at`),
  position: read.number(entry.position, `${path}.position`),
});

const readProvider = (read: SnapshotReader, u: unknown, path: string): ResolvedProvider => {
  const p = read.object(u, path);
  const credentials = ProviderCredentials.decode(p.credentials);
  if (E.isLeft(credentials)) read.fail(`${path}.credentials`, 'expected provider credentials');
  const accountId = read.optionalString(p.accountId, `${path}.accountId`);
  return {
    id: read.string(p.id, `${path}.id`),
    name: read.string(p.name, `${path}.name`),
    type: read.string(p.type, `${path}.type`),
    credentials: credentials.right,
    ...(accountId !== undefined ? { accountId } : {}),
  };
};

const scopeOf = (d: { app: string; service: string; stage?: string; region?: string }): Scope =>
  d.stage === undefined
    ? { kind: 'service', app: d.app, service: d.service }
    : d.region === undefined
      ? { kind: 'stage', app: d.app, service: d.service, stage: d.stage }
      : { kind: 'instance', app: d.app, service: d.service, stage: d.stage, region: d.region };
