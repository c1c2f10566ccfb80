import {
  PROVIDER_STATE,
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
import { readEntry, readPin, readProvider, readSlot } from './resolution-index-snapshot.js';

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

  get hasPins(): boolean {
    return this.pins.size > 0;
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
