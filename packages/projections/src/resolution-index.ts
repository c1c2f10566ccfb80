import {
  PROVIDER_STATE,
  clearDefault,
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
import { foldLink, type LinkRecords } from './link-fold.js';
import { LinkTree, type LinkEntry } from './link-tree.js';
import { OrgReadModel } from './org-read-model.js';
import type { SnapshotReader } from './snapshot.js';
import { readEach, type SnapshotFields } from './snapshot-fields.js';
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
export class ResolutionIndex extends OrgReadModel<OrgIndex> {
  /** Actor ids repeat across millions of entries: one string each. */
  private readonly actors = new Map<string, string>();
  /** The index's links: a link tree per provider type, local-credentials links in it with no provider. */
  private readonly linkRecords: LinkRecords<OrgIndex> = {
    provider: (org, providerId) => org.providers.get(providerId),
    linked: (org, type, place, providerId, e) =>
      linksOf(org, type).set(place, providerId, this.actor(e.metadata.actor.id), e.metadata.occurredAt, Number(e.position)),
    unlinked: (org, type, place, providerId) => org.links.get(type)?.unlink(place, providerId),
  };

  constructor() {
    super(SNAPSHOT_FORMAT, SNAPSHOT_VERSION);
  }

  protected fold(org: OrgIndex, e: ProjectedEvent): void {
    const { event } = e;
    if (isProviderEvent(event)) return foldProvider(PROVIDER_STATE, org.providers, event, undefined);
    if (foldLink(this.linkRecords, org, e)) return;
    switch (event.type) {
      case 'DefaultProviderSet': {
        const provider = org.providers.get(event.data.providerId);
        if (provider) org.defaults.set(event.data.type, this.entryOf(e, provider.id));
        return;
      }
      case 'DefaultProviderCleared':
        return clearDefault(org.defaults, event.data);
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

  protected emptyOrg(): OrgIndex {
    return new OrgIndex();
  }

  /** An org of the index as JSON: providers (credentials as stored, sealed), links, defaults and pins, sorted. */
  protected orgSnapshot(org: OrgIndex) {
    return {
      providers: [...org.providers.values()].sort((a, b) => compareText(a.id, b.id)).map((p) => p as unknown as Json),
      links: [...org.links]
        .flatMap(([type, tree]) => [...tree.entries()].map(([place, entry]) => ({ slot: slotKey(type, linkScopeOf(place)), ...entry })))
        .sort((a, b) => compareText(a.slot, b.slot)),
      defaults: sortedEntries(org.defaults).map(([type, entry]) => ({ type, ...entry })),
      pins: sortedEntries(org.pins).map(([, pin]) => pin as unknown as Json),
    };
  }

  /** An org of the index read back from `orgSnapshot`. */
  protected readOrg(read: SnapshotReader, fields: SnapshotFields, path: string): OrgIndex {
    const index = new OrgIndex();
    readEach(read, fields, path, 'providers', (p, at) => {
      const provider = readProvider(read, p, at);
      index.providers.set(provider.id, provider);
    });
    readEach(read, fields, path, 'links', (l, at) => {
      const link = read.object(l, at);
      const { type, place } = readSlot(read, link.slot, `${at}.slot`);
      const { providerId, actor, at: linkedOn, position } = readEntry(read, link, at, true);
      linksOf(index, type).set(place, providerId, this.actor(actor), linkedOn, position);
    });
    readEach(read, fields, path, 'defaults', (d, at) => {
      const entry = read.object(d, at);
      index.defaults.set(read.string(entry.type, `${at}.type`), readEntry(read, entry, at));
    });
    readEach(read, fields, path, 'pins', (p, at) => {
      const pin = readPin(read, p, at);
      index.pins.set(pinKey(pin.scope), pin);
    });
    return index;
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
}

const SNAPSHOT_FORMAT = 'resolution-index';
// 3: providers carry `accountObserved` (static keys whose account STS observed); older snapshots are rebuilt.
const SNAPSHOT_VERSION = 3;

const sortedEntries = <V>(map: Map<string, V>): [string, V][] => [...map.entries()].sort(([a], [b]) => compareText(a, b));

const linksOf = (org: OrgIndex, type: string): LinkTree => {
  let tree = org.links.get(type);
  if (!tree) org.links.set(type, (tree = new LinkTree()));
  return tree;
};
