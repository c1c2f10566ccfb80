import type { Evolver } from './evolver.js';
import { nameKey } from './state.js';

/** The fold of the providers: added, renamed, given new credentials, removed (an id is never reused). */
export const providersEvolver: Evolver<'ProviderAdded' | 'ProviderRenamed' | 'ProviderCredentialsUpdated' | 'ProviderRemoved'> = {
  ProviderAdded: (state, { providerId, name, type, credentials, accountId }) => {
    state.providers.set(providerId, { id: providerId, name, type, credentials, ...(accountId ? { accountId } : {}) });
    state.providerIdsByName.set(nameKey(name), providerId);
  },
  ProviderRenamed: (state, data) => {
    const provider = state.providers.get(data.providerId);
    if (!provider) return;
    state.providerIdsByName.delete(nameKey(data.from));
    state.providerIdsByName.set(nameKey(data.to), provider.id);
    state.providers.set(provider.id, { ...provider, name: data.to });
  },
  ProviderCredentialsUpdated: (state, data) => {
    const provider = state.providers.get(data.providerId);
    if (!provider) return;
    const { accountId: _previous, ...rest } = provider;
    const { credentials, accountId } = data;
    state.providers.set(provider.id, { ...rest, credentials, ...(accountId ? { accountId } : {}) });
  },
  ProviderRemoved: (state, data) => {
    const provider = state.providers.get(data.providerId);
    if (!provider) return;
    state.providers.delete(provider.id);
    state.removedProviderIds.add(provider.id);
    state.providerIdsByName.delete(nameKey(provider.name));
  },
};
