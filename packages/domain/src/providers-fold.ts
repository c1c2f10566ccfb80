import type { Evolver } from './evolver.js';
import { PROVIDER_STATE, foldProvider, type ProviderEvent } from './provider-fold.js';
import { nameKey, type OrgState } from './state.js';

/** The shared fold of providers, and the org's own indexes: names in use, ids ever removed (an id is never reused). */
const fold = (state: OrgState, event: ProviderEvent): void => {
  const { providerId } = event.data;
  const before = state.providers.get(providerId);
  foldProvider(PROVIDER_STATE, state.providers, event, undefined);
  const after = state.providers.get(providerId);
  if (before) state.providerIdsByName.delete(nameKey(before.name));
  if (after) state.providerIdsByName.set(nameKey(after.name), providerId);
  else if (before) state.removedProviderIds.add(providerId);
};

/** The fold of the providers: added, renamed, given new credentials, removed. */
export const providersEvolver: Evolver<ProviderEvent['type']> = {
  ProviderAdded: fold,
  ProviderRenamed: fold,
  ProviderCredentialsUpdated: fold,
  ProviderRemoved: fold,
};
