import { setByOf, type Evolver } from './evolver.js';
import type { SetBy } from './resolution.js';
import { linkScopeOf, slotKey, type LinkScope } from './scope.js';
import type { OrgState } from './state.js';

const providerTypeOf = (state: OrgState, providerId: string): string => state.providers.get(providerId)?.type ?? '';

const link = (state: OrgState, providerId: string, scope: LinkScope, setBy: SetBy): void => {
  const providerType = providerTypeOf(state, providerId);
  const slot = slotKey(providerType, scope);
  const replaced = state.links.get(slot);
  if (replaced) state.slotsByProvider.get(replaced.providerId)?.delete(slot);
  state.links.set(slot, { providerId, providerType, scope, setBy });
  let slots = state.slotsByProvider.get(providerId);
  if (!slots) state.slotsByProvider.set(providerId, (slots = new Set()));
  slots.add(slot);
};

const unlink = (state: OrgState, providerId: string, scope: LinkScope): void => {
  const slot = slotKey(providerTypeOf(state, providerId), scope);
  if (state.links.get(slot)?.providerId === providerId) state.links.delete(slot);
  state.slotsByProvider.get(providerId)?.delete(slot);
};

/** The fold of links and defaults: each remembers the event that set it. */
export const linksEvolver: Evolver<
  | 'DefaultProviderSet'
  | 'DefaultProviderCleared'
  | 'ProviderLinkedToService'
  | 'ProviderLinkedToInstance'
  | 'ProviderUnlinkedFromService'
  | 'ProviderUnlinkedFromInstance'
> = {
  DefaultProviderSet: (state, { data }, metadata, position) => {
    state.defaults.set(data.type, { providerId: data.providerId, setBy: setByOf(metadata, position) });
  },
  DefaultProviderCleared: (state, { data }) => {
    if (state.defaults.get(data.type)?.providerId === data.providerId) state.defaults.delete(data.type);
  },
  ProviderLinkedToService: (state, { data }, metadata, position) => link(state, data.providerId, linkScopeOf(data), setByOf(metadata, position)),
  ProviderLinkedToInstance: (state, { data }, metadata, position) => link(state, data.providerId, linkScopeOf(data), setByOf(metadata, position)),
  ProviderUnlinkedFromService: (state, { data }) => unlink(state, data.providerId, linkScopeOf(data)),
  ProviderUnlinkedFromInstance: (state, { data }) => unlink(state, data.providerId, linkScopeOf(data)),
};
