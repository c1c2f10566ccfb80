import * as E from 'fp-ts/lib/Either.js';
import {
  PROVIDER_STATE,
  ProviderCredentials,
  foldProvider,
  isProviderEvent,
  PinScope,
  linkScopeOf,
  pinKey,
  resolveFrom,
  slotKey,
  type PinState,
  type Resolution,
  type ResolvedProvider,
  type ResolveRequest,
  type Scope,
  type ScopeEntry,
  type ScopeLookup,
} from '@providers/domain';
import type { Json } from '@providers/store';
import type { ProjectedEvent } from './projected-event.js';
import { LinkTree, type LinkEntry, type LinkPlace } from './link-tree.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';
import { compareText } from './text-order.js';

/** One org of the index, answering what resolving asks in its own layout. */
class OrgIndex implements ScopeLookup {
  readonly providers = new Map<string, ResolvedProvider>();
  /** provider type → its links. */
  readonly links = new Map<string, LinkTree>();
  /** provider type → the default. */
  readonly defaults = new Map<string, LinkEntry>();
  /** pinKey(scope) → the account pin there. */
  readonly pins = new Map<string, PinState>();

  entryAt(providerType: string, scope: Scope): ScopeEntry | undefined {
    const entry = scope.kind === 'org-default' ? this.defaults.get(providerType) : this.links.get(providerType)?.get(scope);
    return entry && { providerId: entry.providerId, setBy: { actor: entry.actor, at: entry.at, position: String(entry.position) } };
  }

  provider(providerId: string): ResolvedProvider | undefined {
    return this.providers.get(providerId);
  }

  pinAt(scope: PinScope): PinState | undefined {
    return this.pins.get(pinKey(scope));
  }
}

/** The lookup of an org the index has seen nothing of. */
const NO_ORG = new OrgIndex();

/**
 * The resolution index: O(1) per scope. Answers instance link → stage link →
 * service link → org default → none, with the chain of scopes it looked at;
 * a local-credentials link answers at its scope with no provider.
 */
export class ResolutionIndex implements SnapshottableReadModel {
  readonly snapshotName = SNAPSHOT_FORMAT;
  private readonly orgs = new Map<string, OrgIndex>();
  private lastOrgId: string | undefined;
  private lastOrg: OrgIndex | undefined;
  /** Actor ids repeat across millions of entries: one string each. */
  private readonly actors = new Map<string, string>();
  /** The last global position folded in: the index's checkpoint. */
  position = 0n;

  apply(e: ProjectedEvent): void {
    // Events come in log order (the fold's contract), so the last one is the checkpoint.
    this.position = e.position;
    const org = this.org(e.orgId);
    const { event } = e;
    if (isProviderEvent(event)) return foldProvider(PROVIDER_STATE, org.providers, event, undefined);
    switch (event.type) {
      case 'DefaultProviderSet': {
        const provider = org.providers.get(event.data.providerId);
        if (provider) org.defaults.set(event.data.type, this.entryOf(e, provider.id));
        return;
      }
      case 'DefaultProviderCleared':
        if (org.defaults.get(event.data.type)?.providerId === event.data.providerId) org.defaults.delete(event.data.type);
        return;
      case 'ProviderLinkedToService':
      case 'ProviderLinkedToInstance': {
        const provider = org.providers.get(event.data.providerId);
        if (provider) linksOf(org, provider.type).set(event.data, provider.id, this.actor(e.metadata.actor.id), e.metadata.occurredAt, Number(e.position));
        return;
      }
      case 'ProviderUnlinkedFromService':
      case 'ProviderUnlinkedFromInstance': {
        const provider = org.providers.get(event.data.providerId);
        if (provider) org.links.get(provider.type)?.unlink(event.data, provider.id);
        return;
      }
      case 'LocalCredentialsLinked':
        linksOf(org, event.data.type).set(event.data, null, this.actor(e.metadata.actor.id), e.metadata.occurredAt, Number(e.position));
        return;
      case 'LocalCredentialsUnlinked':
        org.links.get(event.data.type)?.unlink(event.data, null);
        return;
      case 'AccountPinned': {
        const { scope, accountIds, reason } = event.data;
        org.pins.set(pinKey(scope), { scope, accountIds, reason, setBy: { actor: this.actor(e.metadata.actor.id), at: e.metadata.occurredAt, position: String(e.position) } });
        return;
      }
      case 'AccountPinRemoved':
        org.pins.delete(pinKey(event.data.scope));
        return;
      default:
        return;
    }
  }

  /** Which provider this deployment uses, where that came from, and the chain looked at: the domain's rule over this index. */
  resolve(request: ResolveRequest): Resolution {
    return resolveFrom(this.orgs.get(request.orgId) ?? NO_ORG, request);
  }

  /** A provider of an org by id, as the index knows it. */
  provider(orgId: string, providerId: string): ResolvedProvider | undefined {
    return this.orgs.get(orgId)?.providers.get(providerId);
  }

  /** The index as JSON: providers (credentials as stored, sealed), links and defaults per org, sorted. */
  snapshot(): Json {
    const orgs = [...this.orgs.entries()].sort(([a], [b]) => compareText(a, b));
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      position: String(this.position),
      orgs: orgs.map(([orgId, org]) => ({
        orgId,
        providers: [...org.providers.values()].sort((a, b) => compareText(a.id, b.id)).map((p) => p as unknown as Json),
        links: [...org.links]
          .flatMap(([type, tree]) => [...tree.entries()].map(([place, entry]) => ({ slot: slotKey(type, linkScopeOf(place)), ...entry })))
          .sort((a, b) => compareText(a.slot, b.slot)),
        defaults: sortedEntries(org.defaults).map(([type, entry]) => ({ type, ...entry })),
        pins: sortedEntries(org.pins).map(([, pin]) => pin as unknown as Json),
      })),
    };
  }

  /** Replaces the index with a snapshot taken by `snapshot()`. */
  restore(snapshot: Json): void {
    const read: SnapshotReader = new SnapshotReader(SNAPSHOT_FORMAT);
    const root = read.envelope(snapshot, SNAPSHOT_VERSION);
    const position = read.position(root.position, '$.position');
    const orgs = read.orgs(root, (org, path) => {
      const index = new OrgIndex();
      read.array(org.providers, `${path}.providers`).forEach((p, j) => {
        const provider = readProvider(read, p, `${path}.providers[${j}]`);
        index.providers.set(provider.id, provider);
      });
      read.array(org.links, `${path}.links`).forEach((l, j) => {
        const link = read.object(l, `${path}.links[${j}]`);
        const { type, place } = readSlot(read, link.slot, `${path}.links[${j}].slot`);
        const { providerId, actor, at, position: linkedAt } = readEntry(read, link, `${path}.links[${j}]`, true);
        linksOf(index, type).set(place, providerId, this.actor(actor), at, linkedAt);
      });
      read.array(org.defaults, `${path}.defaults`).forEach((d, j) => {
        const entry = read.object(d, `${path}.defaults[${j}]`);
        index.defaults.set(read.string(entry.type, `${path}.defaults[${j}].type`), readEntry(read, entry, `${path}.defaults[${j}]`));
      });
      read.array(org.pins, `${path}.pins`).forEach((p, j) => {
        const pin = readPin(read, p, `${path}.pins[${j}]`);
        index.pins.set(pinKey(pin.scope), pin);
      });
      return index;
    });
    this.orgs.clear();
    this.lastOrgId = this.lastOrg = undefined;
    for (const [orgId, org] of orgs) this.orgs.set(orgId, org);
    this.position = position;
  }

  private entryOf(e: ProjectedEvent, providerId: string): LinkEntry {
    return { providerId, actor: this.actor(e.metadata.actor.id), at: e.metadata.occurredAt, position: Number(e.position) };
  }

  /** The one string of an actor id. */
  private actor(id: string): string {
    let actor = this.actors.get(id);
    if (actor === undefined) this.actors.set(id, (actor = id));
    return actor;
  }

  private org(orgId: string): OrgIndex {
    // An org's events come in runs (one command, one stream page): skip the lookup within a run.
    if (orgId === this.lastOrgId && this.lastOrg) return this.lastOrg;
    let org = this.orgs.get(orgId);
    if (!org) this.orgs.set(orgId, (org = new OrgIndex()));
    this.lastOrgId = orgId;
    return (this.lastOrg = org);
  }
}

const SNAPSHOT_FORMAT = 'resolution-index';
const SNAPSHOT_VERSION = 2;

const sortedEntries = <V>(map: Map<string, V>): [string, V][] => [...map.entries()].sort(([a], [b]) => compareText(a, b));

const linksOf = (org: OrgIndex, type: string): LinkTree => {
  let tree = org.links.get(type);
  if (!tree) org.links.set(type, (tree = new LinkTree()));
  return tree;
};

/** Reads a snapshot's slot key back: `type|app/service[/stage[/region]]` (names hold neither "|" nor "/"). */
const readSlot = (read: SnapshotReader, u: unknown, path: string): { type: string; place: LinkPlace } => {
  const slot = read.string(u, path);
  const bar = slot.indexOf('|');
  const [app, service, stage, region, ...rest] = slot.slice(bar + 1).split('/');
  if (bar <= 0 || !app || !service || rest.length > 0) read.fail(path, 'expected a slot key type|app/service[/stage[/region]]');
  return {
    type: slot.slice(0, bar),
    place: { app: app!, service: service!, ...(stage !== undefined ? { stage } : {}), ...(region !== undefined ? { region } : {}) },
  };
};

/** An entry of a snapshot; only a link (not a default) may be a local-credentials one. */
const readEntry = (read: SnapshotReader, entry: { readonly [key: string]: unknown }, path: string, mayBeLocal = false): LinkEntry => ({
  providerId: mayBeLocal && entry.providerId === null ? null : read.string(entry.providerId, `${path}.providerId`),
  actor: read.string(entry.actor, `${path}.actor`),
  at: read.string(entry.at, `${path}.at`),
  position: read.number(entry.position, `${path}.position`),
});

const readPin = (read: SnapshotReader, u: unknown, path: string): PinState => {
  const p = read.object(u, path);
  const scope = PinScope.decode(p.scope);
  if (E.isLeft(scope)) read.fail(`${path}.scope`, 'expected a pin scope');
  const setBy = read.object(p.setBy, `${path}.setBy`);
  return {
    scope: scope.right,
    accountIds: read.array(p.accountIds, `${path}.accountIds`).map((id, j) => read.string(id, `${path}.accountIds[${j}]`)),
    reason: read.string(p.reason, `${path}.reason`),
    setBy: { actor: read.string(setBy.actor, `${path}.setBy.actor`), at: read.string(setBy.at, `${path}.setBy.at`), position: read.string(setBy.position, `${path}.setBy.position`) },
  };
};

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

