import { clearDefault } from './clear-default.js';
import { setByOf, type Evolver } from './evolver.js';
import type { SetBy } from './resolution.js';
import { linkScopeOf, slotKey, type LinkScope } from './scope.js';
import type { OrgState } from './state.js';

const providerTypeOf = (state: OrgState, providerId: string): string => state.providers.get(providerId)?.type ?? '';

/** Sets a slot (a provider's link, or null: local credentials), releasing the provider it held. */
const setSlot = (state: OrgState, providerId: string | null, providerType: string, scope: LinkScope, setBy: SetBy): string => {
  const slot = slotKey(providerType, scope);
  const replaced = state.links.get(slot);
  if (replaced?.providerId) state.slotsByProvider.get(replaced.providerId)?.delete(slot);
  state.links.set(slot, { providerId, providerType, scope, setBy });
  return slot;
};

const link = (state: OrgState, providerId: string, scope: LinkScope, setBy: SetBy): void => {
  const slot = setSlot(state, providerId, providerTypeOf(state, providerId), scope, setBy);
  let slots = state.slotsByProvider.get(providerId);
  if (!slots) state.slotsByProvider.set(providerId, (slots = new Set()));
  slots.add(slot);
};

const unlink = (state: OrgState, providerId: string, scope: LinkScope): void => {
  const slot = slotKey(providerTypeOf(state, providerId), scope);
  if (state.links.get(slot)?.providerId === providerId) state.links.delete(slot);
  state.slotsByProvider.get(providerId)?.delete(slot);
};

const unlinkLocal = (state: OrgState, providerType: string, scope: LinkScope): void => {
  const slot = slotKey(providerType, scope);
  if (state.links.get(slot)?.providerId === null) state.links.delete(slot);
};

/** The fold of links, local-credentials links and defaults: each remembers the event that set it. */
export const linksEvolver: Evolver<
  | 'DefaultProviderSet'
  | 'DefaultProviderCleared'
  | 'ProviderLinkedToService'
  | 'ProviderLinkedToInstance'
  | 'ProviderUnlinkedFromService'
  | 'ProviderUnlinkedFromInstance'
  | 'LocalCredentialsLinked'
  | 'LocalCredentialsUnlinked'
> = {
  DefaultProviderSet: (state, { data }, metadata, position) => {
    state.defaults.set(data.type, { providerId: data.providerId, setBy: setByOf(metadata, position) });
  },
  DefaultProviderCleared: (state, { data }) => clearDefault(state.defaults, data),
  ProviderLinkedToService: (state, { data }, metadata, position) => link(state, data.providerId, linkScopeOf(data), setByOf(metadata, position)),
  ProviderLinkedToInstance: (state, { data }, metadata, position) => link(state, data.providerId, linkScopeOf(data), setByOf(metadata, position)),
  ProviderUnlinkedFromService: (state, { data }) => unlink(state, data.providerId, linkScopeOf(data)),
  ProviderUnlinkedFromInstance: (state, { data }) => unlink(state, data.providerId, linkScopeOf(data)),
  LocalCredentialsLinked: (state, { data }, metadata, position) => void setSlot(state, null, data.type, linkScopeOf(data), setByOf(metadata, position)),
  LocalCredentialsUnlinked: (state, { data }) => unlinkLocal(state, data.type, linkScopeOf(data)),
};
