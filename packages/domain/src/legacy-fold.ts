// The fold of the legacy model (see legacy-decider.ts).
import type { EventOf } from './events.js';
import type { Evolver } from './evolver.js';
import { deployedInstanceKey, stageProfileKey } from './legacy-state.js';
import type { OrgState } from './state.js';

const recordProfile = (state: OrgState, { data: { profileId, name, roleArn } }: EventOf<'DeploymentProfileCreated' | 'DeploymentProfileUpdated'>): void => {
  const migratedTo = state.profiles.get(profileId)?.migratedTo;
  state.profiles.set(profileId, {
    profileId,
    name,
    ...(roleArn ? { roleArn } : {}),
    ...(migratedTo !== undefined ? { migratedTo } : {}),
  });
};

/** The fold of deployment profiles, the stages that use them, deployed instances and their migration. */
export const legacyEvolver: Evolver<
  'DeploymentProfileCreated' | 'DeploymentProfileUpdated' | 'StageLinkedToDeploymentProfile' | 'InstanceDeployed' | 'DeploymentProfileMigrated'
> = {
  DeploymentProfileCreated: recordProfile,
  DeploymentProfileUpdated: recordProfile,
  StageLinkedToDeploymentProfile: (state, { data }) => {
    state.stageProfiles.set(stageProfileKey(data.app, data.stage), data.profileId);
  },
  InstanceDeployed: (state, { data }) => {
    state.deployedInstances.set(deployedInstanceKey(data), data);
  },
  DeploymentProfileMigrated: (state, { data }) => {
    const profile = state.profiles.get(data.profileId);
    if (profile) state.profiles.set(profile.profileId, { ...profile, migratedTo: data.providerId });
  },
};
