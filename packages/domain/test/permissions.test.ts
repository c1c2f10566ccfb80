// Who may do what: the table is the policy, and decide follows it for every command and every role.
import * as E from 'fp-ts/lib/Either.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PERMISSIONS, decide, type ActorRole, type Command, type CommandType } from '../src/index.js';
import { ROLE_ARN, added, cmd, given, roleCredentials } from './support.js';

const ROLES: readonly ActorRole[] = ['owner', 'admin', 'member', 'system'];
const MANAGE: readonly ActorRole[] = ['owner', 'admin', 'system'];
const LINK: readonly ActorRole[] = ['owner', 'admin', 'member', 'system'];

/** One well-formed command of every type, without its actor. */
const SAMPLES: { readonly [K in CommandType]: Record<string, unknown> } = {
  AddProvider: { providerId: 'p2', name: 'prod', providerType: 'aws', credentials: roleCredentials() },
  RenameProvider: { providerId: 'dev', name: 'development' },
  UpdateProviderCredentials: { providerId: 'dev', credentials: roleCredentials() },
  RemoveProvider: { providerId: 'dev' },
  SetDefaultProvider: { providerId: 'dev' },
  ClearDefaultProvider: { providerType: 'aws' },
  LinkProviderToService: { providerId: 'dev', app: 'app1', service: 'api' },
  UnlinkProviderFromService: { app: 'app1', service: 'api', providerType: 'aws' },
  LinkProviderToInstance: { providerId: 'dev', app: 'app1', service: 'api', stage: 'prod' },
  UnlinkProviderFromInstance: { app: 'app1', service: 'api', stage: 'prod', providerType: 'aws' },
  LinkLocalCredentialsToService: { app: 'app1', service: 'api', providerType: 'aws' },
  LinkLocalCredentialsToInstance: { app: 'app1', service: 'api', stage: 'prod', providerType: 'aws' },
  PinAccount: { scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: ['111111111111'], reason: 'prod deploys to prod' },
  RemoveAccountPin: { scope: { kind: 'org' }, reason: 'no longer needed' },
  CreateDeploymentProfile: { profileId: 'p-dev', name: 'dev', roleArn: ROLE_ARN },
  UpdateDeploymentProfile: { profileId: 'p-dev', name: 'dev' },
  LinkStageToDeploymentProfile: { app: 'app1', stage: 'prod', profileId: 'p-dev' },
  RecordInstanceDeployed: { app: 'app1', service: 'api', stage: 'prod' },
  MarkDeploymentProfileMigrated: { profileId: 'p-dev', providerId: null, reason: 'no role' },
};

test('owners, admins and the system manage providers, defaults, account pins and legacy profiles; members also link and unlink', () => {
  assert.equal(PERMISSIONS, {
    AddProvider: MANAGE,
    RenameProvider: MANAGE,
    UpdateProviderCredentials: MANAGE,
    RemoveProvider: MANAGE,
    SetDefaultProvider: MANAGE,
    ClearDefaultProvider: MANAGE,
    LinkProviderToService: LINK,
    UnlinkProviderFromService: LINK,
    LinkProviderToInstance: LINK,
    UnlinkProviderFromInstance: LINK,
    LinkLocalCredentialsToService: LINK,
    LinkLocalCredentialsToInstance: LINK,
    PinAccount: MANAGE,
    RemoveAccountPin: MANAGE,
    CreateDeploymentProfile: MANAGE,
    UpdateDeploymentProfile: MANAGE,
    LinkStageToDeploymentProfile: MANAGE,
    RecordInstanceDeployed: LINK,
    MarkDeploymentProfileMigrated: MANAGE,
  });
});

test('decide refuses a command exactly when the table does not allow its actor’s role, naming the field', () => {
  const state = given(added('dev', 'dev'));
  for (const type of Object.keys(SAMPLES) as CommandType[])
    for (const role of ROLES) {
      const decision = decide(cmd({ id: `someone-${role}`, role }, { type, ...SAMPLES[type] } as never) as Command, state);
      const denied = E.isLeft(decision) && decision.left._tag === 'PermissionDenied';
      assert.is(denied, !PERMISSIONS[type].includes(role), `${role} sending ${type}`);
      if (E.isLeft(decision) && decision.left._tag === 'PermissionDenied') {
        assert.is(decision.left.field, 'actor.role');
        assert.equal(decision.left.allowed, PERMISSIONS[type]);
      }
    }
});

test.run();
