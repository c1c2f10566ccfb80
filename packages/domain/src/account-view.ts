import type { PinState } from './account-pins.js';
import type { DomainEvent } from './events.js';
import { pinKey } from './pin-scope.js';
import { PROVIDER_STATE } from './provider-fold.js';
import { DEFAULT_PROVIDER_TYPE, type ScopeEntry, type ScopeLookup, type SetBy } from './resolution.js';
import { stateLookup } from './resolve.js';
import { linkScopeOf, slotKey, type Scope } from './scope.js';
import type { LinkState, OrgState, ProviderState } from './state.js';

/** What the account guard reads: what resolving reads, and the scopes where an AWS answer can differ. */
export interface AccountView extends ScopeLookup {
  /**
   * The org default, every pinned scope and every scope an AWS provider is
   * linked at: any deployment resolves, under the same pins, as the most
   * specific of these on its chain does, so checking these checks them all.
   */
  points(): Iterable<Scope>;
}

/** Events not yet in the log have no position; nothing the guard says depends on it. */
const PENDING: SetBy = { actor: '', at: '', position: '0' };

/** Overrides of the org state: a value replaces the state's, null removes it, absent leaves it. */
class Overlay {
  readonly providers = new Map<string, ProviderState | null>();
  readonly links = new Map<string, LinkState | null>();
  readonly defaults = new Map<string, ScopeEntry | null>();
  readonly pins = new Map<string, PinState | null>();
}

const read = <V>(overrides: Map<string, V | null>, current: Map<string, V>, key: string): V | undefined => {
  const override = overrides.get(key);
  return override === undefined ? current.get(key) : (override ?? undefined);
};

/** Each value the overlay leaves, the state's where not overridden. */
function* merged<V>(overrides: Map<string, V | null>, current: Map<string, V>): Iterable<V> {
  for (const [key, value] of current) if (!overrides.has(key)) yield value;
  for (const value of overrides.values()) if (value !== null) yield value;
}

const record = (state: OrgState, o: Overlay, event: DomainEvent): void => {
  const provider = (id: string) => read(o.providers, state.providers, id);
  switch (event.type) {
    case 'ProviderAdded':
      return void o.providers.set(event.data.providerId, PROVIDER_STATE.added(event.data, undefined));
    case 'ProviderCredentialsUpdated': {
      const current = provider(event.data.providerId);
      if (current) o.providers.set(current.id, PROVIDER_STATE.credentialsUpdated(current, event.data, undefined));
      return;
    }
    case 'ProviderRemoved':
      return void o.providers.set(event.data.providerId, null);
    case 'DefaultProviderSet':
      return void o.defaults.set(event.data.type, { providerId: event.data.providerId, setBy: PENDING });
    case 'DefaultProviderCleared':
      if (read(o.defaults, state.defaults, event.data.type)?.providerId === event.data.providerId) o.defaults.set(event.data.type, null);
      return;
    case 'ProviderLinkedToService':
    case 'ProviderLinkedToInstance': {
      const providerType = provider(event.data.providerId)?.type ?? '';
      const scope = linkScopeOf(event.data);
      return void o.links.set(slotKey(providerType, scope), { providerId: event.data.providerId, providerType, scope, setBy: PENDING });
    }
    case 'ProviderUnlinkedFromService':
    case 'ProviderUnlinkedFromInstance': {
      const slot = slotKey(provider(event.data.providerId)?.type ?? '', linkScopeOf(event.data));
      if (read(o.links, state.links, slot)?.providerId === event.data.providerId) o.links.set(slot, null);
      return;
    }
    case 'LocalCredentialsLinked': {
      const scope = linkScopeOf(event.data);
      return void o.links.set(slotKey(event.data.type, scope), { providerId: null, providerType: event.data.type, scope, setBy: PENDING });
    }
    case 'LocalCredentialsUnlinked': {
      const slot = slotKey(event.data.type, linkScopeOf(event.data));
      if (read(o.links, state.links, slot)?.providerId === null) o.links.set(slot, null);
      return;
    }
    case 'AccountPinned':
      return void o.pins.set(pinKey(event.data.scope), { ...event.data, setBy: PENDING });
    case 'AccountPinRemoved':
      return void o.pins.set(pinKey(event.data.scope), null);
    default:
      return;
  }
};

function* pointsOf(pins: Iterable<PinState>, links: Iterable<LinkState>): Iterable<Scope> {
  yield { kind: 'org-default' };
  for (const pin of pins) yield pin.scope.kind === 'org' ? { kind: 'org-default' } : pin.scope;
  for (const link of links) if (link.providerType === DEFAULT_PROVIDER_TYPE) yield link.scope;
}

/** The org state as it is. */
export const viewOf = (state: OrgState): AccountView => ({
  ...stateLookup(state),
  points: () => pointsOf(state.pins.values(), state.links.values()),
});

/**
 * The org state as these events would leave it, without folding them: the
 * state is shared and folded in place (see evolve.ts), and the events may
 * yet be refused.
 */
export const viewAfter = (state: OrgState, events: readonly DomainEvent[]): AccountView => {
  const o = new Overlay();
  for (const event of events) record(state, o, event);
  const pins = [...merged(o.pins, state.pins)];
  return {
    entryAt: (providerType, scope) =>
      scope.kind === 'org-default' ? read(o.defaults, state.defaults, providerType) : read(o.links, state.links, slotKey(providerType, scope)),
    provider: (providerId) => read(o.providers, state.providers, providerId),
    pinAt: (scope) => read(o.pins, state.pins, pinKey(scope)),
    hasPins: pins.length > 0,
    points: () => pointsOf(pins, merged(o.links, state.links)),
  };
};
