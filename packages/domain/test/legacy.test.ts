// The legacy deployment-profile model, as far as the decider keeps it.
import { suite } from 'uvu';
import { admin, cmd, given, member, ROLE_ARN, PROD_ROLE_ARN, system, thenError, thenEvents } from './support.js';

const legacy = suite('Deployment profiles');

const profile = { type: 'DeploymentProfileCreated' as const, data: { profileId: 'p-dev', name: 'dev', roleArn: ROLE_ARN } };

legacy('an admin creates a profile; its id is unique', () => {
  thenEvents(given(), cmd(admin, { type: 'CreateDeploymentProfile', profileId: 'p-dev', name: 'dev', roleArn: ROLE_ARN }), [profile]);
  thenError(given(profile), cmd(admin, { type: 'CreateDeploymentProfile', profileId: 'p-dev', name: 'x' }), 'DeploymentProfileAlreadyExists', 'profileId');
  thenError(given(), cmd(member, { type: 'CreateDeploymentProfile', profileId: 'p-dev', name: 'dev' }), 'PermissionDenied');
});

legacy('stages, the default stage included, map to existing profiles', () => {
  thenEvents(given(profile), cmd(admin, { type: 'LinkStageToDeploymentProfile', app: 'app1', stage: 'default', profileId: 'p-dev' }), [
    { type: 'StageLinkedToDeploymentProfile', data: { app: 'app1', stage: 'default', profileId: 'p-dev' } },
  ]);
  thenError(given(), cmd(admin, { type: 'LinkStageToDeploymentProfile', app: 'app1', stage: 'prod', profileId: 'nope' }), 'DeploymentProfileNotFound', 'profileId');
});

legacy('before migration the role of a profile can change', () => {
  thenEvents(given(profile), cmd(admin, { type: 'UpdateDeploymentProfile', profileId: 'p-dev', name: 'dev', roleArn: PROD_ROLE_ARN }), [
    { type: 'DeploymentProfileUpdated', data: { profileId: 'p-dev', name: 'dev', roleArn: PROD_ROLE_ARN } },
  ]);
});

legacy('after migration the role can no longer change through the profile', () => {
  const migrated = given(profile, { type: 'DeploymentProfileMigrated', data: { profileId: 'p-dev', providerId: 'prov-1' } });
  const error = thenError(
    migrated,
    cmd(admin, { type: 'UpdateDeploymentProfile', profileId: 'p-dev', name: 'dev', roleArn: PROD_ROLE_ARN }),
    'DeploymentProfileMigratedAlready',
    'roleArn',
  );
  if (!error.message.includes('prov-1')) throw new Error('the rejection points to the provider');
  // A rename that keeps the role is still allowed.
  thenEvents(migrated, cmd(admin, { type: 'UpdateDeploymentProfile', profileId: 'p-dev', name: 'development', roleArn: ROLE_ARN }), [
    { type: 'DeploymentProfileUpdated', data: { profileId: 'p-dev', name: 'development', roleArn: ROLE_ARN } },
  ]);
});

legacy('deployed instances are recorded so that migration knows them', () => {
  thenEvents(given(), cmd(member, { type: 'RecordInstanceDeployed', app: 'app1', service: 'api', stage: 'dev', region: 'us-east-1' }), [
    { type: 'InstanceDeployed', data: { app: 'app1', service: 'api', stage: 'dev', region: 'us-east-1' } },
  ]);
});

legacy.run();

const marking = suite('Marking a profile migrated');

marking('the migration records the provider a profile became, once', () => {
  const state = given(profile, {
    type: 'ProviderAdded',
    data: { providerId: 'prov-1', name: 'dev', type: 'aws', credentials: { kind: 'aws-role', roleArn: ROLE_ARN, externalId: 'ext-id', sessionDurationSeconds: 3600 }, accountId: '111111111111' },
  });
  thenEvents(state, cmd(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: 'prov-1' }), [
    { type: 'DeploymentProfileMigrated', data: { profileId: 'p-dev', providerId: 'prov-1' } },
  ]);
  const migrated = given(profile, { type: 'DeploymentProfileMigrated', data: { profileId: 'p-dev', providerId: null, reason: 'no role' } });
  thenEvents(migrated, cmd(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: null, reason: 'again' }), []);
});

marking('a skipped profile says why; the provider must exist; members may not', () => {
  thenError(given(profile), cmd(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: null }), 'InvalidInput', 'reason');
  thenEvents(given(profile), cmd(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: null, reason: 'the profile has no AWS access role' }), [
    { type: 'DeploymentProfileMigrated', data: { profileId: 'p-dev', providerId: null, reason: 'the profile has no AWS access role' } },
  ]);
  thenError(given(profile), cmd(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: 'ghost' }), 'ProviderNotFound');
  thenError(given(profile), cmd(member, { type: 'MarkDeploymentProfileMigrated', profileId: 'p-dev', providerId: null, reason: 'x' }), 'PermissionDenied');
});

marking.run();
