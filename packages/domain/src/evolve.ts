import type { EventEnvelope, EventMetadata } from './events.js';
import type { SetBy } from './resolution.js';
import { linkScopeOf, slotKey, type LinkScope } from './scope.js';
import { deployedInstanceKey, nameKey, stageProfileKey, type OrgState } from './state.js';

/**
 * Folds one event, stored at a global position, into the organization's
 * state and returns it. The position is given because the store assigns it,
 * not the domain: links and defaults remember the event that set them, so
 * that a resolution can say who set each scope, when and where in the log.
 *
 * The state is updated in place: an org with a million events of history is
 * loaded once and kept current by folding the tail, and copying its maps per
 * event would make every command O(history). `decide` never mutates; only
 * events that were appended are folded, so callers never see a half-applied
 * decision.
 */
export const evolve = (state: OrgState, { event, metadata }: EventEnvelope, position: bigint): OrgState => {
  state.revision += 1;
  state.position = position;
  state.commandIds.add(metadata.commandId);
  switch (event.type) {
    case 'ProviderAdded': {
      const { providerId, name, type, credentials, accountId } = event.data;
      state.providers.set(providerId, { id: providerId, name, type, credentials, ...(accountId ? { accountId } : {}) });
      state.providerIdsByName.set(nameKey(name), providerId);
      return state;
    }
    case 'ProviderRenamed': {
      const provider = state.providers.get(event.data.providerId);
      if (!provider) return state;
      state.providerIdsByName.delete(nameKey(event.data.from));
      state.providerIdsByName.set(nameKey(event.data.to), provider.id);
      state.providers.set(provider.id, { ...provider, name: event.data.to });
      return state;
    }
    case 'ProviderCredentialsUpdated': {
      const provider = state.providers.get(event.data.providerId);
      if (!provider) return state;
      const { accountId: _previous, ...rest } = provider;
      const { credentials, accountId } = event.data;
      state.providers.set(provider.id, { ...rest, credentials, ...(accountId ? { accountId } : {}) });
      return state;
    }
    case 'ProviderRemoved': {
      const provider = state.providers.get(event.data.providerId);
      if (!provider) return state;
      state.providers.delete(provider.id);
      state.removedProviderIds.add(provider.id);
      state.providerIdsByName.delete(nameKey(provider.name));
      return state;
    }
    case 'DefaultProviderSet':
      state.defaults.set(event.data.type, { providerId: event.data.providerId, setBy: setBy(metadata, position) });
      return state;
    case 'DefaultProviderCleared':
      if (state.defaults.get(event.data.type)?.providerId === event.data.providerId) state.defaults.delete(event.data.type);
      return state;
    case 'ProviderLinkedToService':
    case 'ProviderLinkedToInstance':
      return link(state, event.data.providerId, linkScopeOf(event.data), setBy(metadata, position));
    case 'ProviderUnlinkedFromService':
    case 'ProviderUnlinkedFromInstance':
      return unlink(state, event.data.providerId, linkScopeOf(event.data));
    case 'DeploymentProfileCreated':
    case 'DeploymentProfileUpdated': {
      const { profileId, name, roleArn } = event.data;
      const migratedTo = state.profiles.get(profileId)?.migratedTo;
      state.profiles.set(profileId, {
        profileId,
        name,
        ...(roleArn ? { roleArn } : {}),
        ...(migratedTo !== undefined ? { migratedTo } : {}),
      });
      return state;
    }
    case 'StageLinkedToDeploymentProfile':
      state.stageProfiles.set(stageProfileKey(event.data.app, event.data.stage), event.data.profileId);
      return state;
    case 'InstanceDeployed':
      state.deployedInstances.set(deployedInstanceKey(event.data), event.data);
      return state;
    case 'DeploymentProfileMigrated': {
      const profile = state.profiles.get(event.data.profileId);
      if (profile) state.profiles.set(profile.profileId, { ...profile, migratedTo: event.data.providerId });
      return state;
    }
  }
};

const setBy = (metadata: EventMetadata, position: bigint): SetBy => ({ actor: metadata.actor.id, at: metadata.occurredAt, position: String(position) });

const providerTypeOf = (state: OrgState, providerId: string): string => state.providers.get(providerId)?.type ?? '';

const link = (state: OrgState, providerId: string, scope: LinkScope, setBy: SetBy): OrgState => {
  const providerType = providerTypeOf(state, providerId);
  const slot = slotKey(providerType, scope);
  const replaced = state.links.get(slot);
  if (replaced) state.slotsByProvider.get(replaced.providerId)?.delete(slot);
  state.links.set(slot, { providerId, providerType, scope, setBy });
  let slots = state.slotsByProvider.get(providerId);
  if (!slots) state.slotsByProvider.set(providerId, (slots = new Set()));
  slots.add(slot);
  return state;
};

const unlink = (state: OrgState, providerId: string, scope: LinkScope): OrgState => {
  const slot = slotKey(providerTypeOf(state, providerId), scope);
  if (state.links.get(slot)?.providerId === providerId) state.links.delete(slot);
  state.slotsByProvider.get(providerId)?.delete(slot);
  return state;
};
