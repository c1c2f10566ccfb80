// The legacy model (deployment profiles), kept so that profiles can be recorded and migrated to
// providers. Isolated here, in legacy-state.ts and legacy-fold.ts, so that it can be frozen.
import type { CommandOf } from './commands.js';
import { ok, providerNotFound, reject, unchanged, type Decider, type Decision } from './decision.js';
import type { DomainError } from './errors.js';
import type { DeploymentProfileState } from './legacy-state.js';
import { stageProfileKey } from './legacy-state.js';
import type { OrgState } from './state.js';
import { invalidInput } from './validation.js';

const profileNotFound = (profileId: string): DomainError => ({
  _tag: 'DeploymentProfileNotFound',
  field: 'profileId',
  profileId,
  message: `no deployment profile ${profileId} in this organization`,
});

const withProfile = (state: OrgState, profileId: string, then: (profile: DeploymentProfileState) => Decision): Decision => {
  const profile = state.profiles.get(profileId);
  return profile ? then(profile) : reject(profileNotFound(profileId));
};

const createProfile = (command: CommandOf<'CreateDeploymentProfile'>, state: OrgState): Decision => {
  if (state.profiles.has(command.profileId))
    return reject({
      _tag: 'DeploymentProfileAlreadyExists',
      field: 'profileId',
      profileId: command.profileId,
      message: `deployment profile ${command.profileId} exists already`,
    });
  const { profileId, name, roleArn } = command;
  return ok({ type: 'DeploymentProfileCreated', data: { profileId, name, ...(roleArn ? { roleArn } : {}) } });
};

const updateProfile = (command: CommandOf<'UpdateDeploymentProfile'>, state: OrgState): Decision =>
  withProfile(state, command.profileId, (profile) => {
    // Once migrated, the provider is the one place a role is changed: two sources of truth would drift.
    if (profile.migratedTo !== undefined && command.roleArn !== profile.roleArn)
      return reject({
        _tag: 'DeploymentProfileMigratedAlready',
        field: 'roleArn',
        profileId: profile.profileId,
        providerId: profile.migratedTo,
        message:
          profile.migratedTo === null
            ? `deployment profile "${profile.name}" was migrated to providers; add an AWS provider instead of giving the profile a role`
            : `deployment profile "${profile.name}" was migrated to provider ${profile.migratedTo}; change the role on that provider`,
      });
    const { profileId, name, roleArn } = command;
    if (name === profile.name && roleArn === profile.roleArn) return unchanged;
    return ok({ type: 'DeploymentProfileUpdated', data: { profileId, name, ...(roleArn ? { roleArn } : {}) } });
  });

const linkStageToProfile = (command: CommandOf<'LinkStageToDeploymentProfile'>, state: OrgState): Decision =>
  withProfile(state, command.profileId, () => {
    const { app, stage, profileId } = command;
    if (state.stageProfiles.get(stageProfileKey(app, stage)) === profileId) return unchanged;
    return ok({ type: 'StageLinkedToDeploymentProfile', data: { app, stage, profileId } });
  });

const markMigrated = (command: CommandOf<'MarkDeploymentProfileMigrated'>, state: OrgState): Decision =>
  withProfile(state, command.profileId, (profile) => {
    if (profile.migratedTo !== undefined) return unchanged;
    if (command.providerId !== null && !state.providers.has(command.providerId)) return reject(providerNotFound(command.providerId));
    if (command.providerId === null && command.reason === undefined) return reject(invalidInput('reason', 'a profile that is skipped says why'));
    const { profileId, providerId, reason } = command;
    return ok({ type: 'DeploymentProfileMigrated', data: { profileId, providerId, ...(reason ? { reason } : {}) } });
  });

const recordDeployed = (command: CommandOf<'RecordInstanceDeployed'>): Decision => {
  const { app, service, stage, region } = command;
  return ok({ type: 'InstanceDeployed', data: { app, service, stage, ...(region ? { region } : {}) } });
};

/** The legacy sub-domain: deployment profiles, the stages that use them, deployed instances, their migration. */
export const legacyDecider: Decider<
  'CreateDeploymentProfile' | 'UpdateDeploymentProfile' | 'LinkStageToDeploymentProfile' | 'MarkDeploymentProfileMigrated' | 'RecordInstanceDeployed'
> = {
  CreateDeploymentProfile: createProfile,
  UpdateDeploymentProfile: updateProfile,
  LinkStageToDeploymentProfile: linkStageToProfile,
  MarkDeploymentProfileMigrated: markMigrated,
  RecordInstanceDeployed: recordDeployed,
};
