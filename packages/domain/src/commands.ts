import * as t from 'io-ts';
import { Actor } from './actor.js';
import { ProviderCredentials } from './credentials.js';
import {
  AccountId,
  AppName,
  AwsRegion,
  CommandId,
  DeploymentProfileId,
  DeploymentProfileName,
  OrgId,
  ProviderId,
  ProviderName,
  ProviderType,
  Reason,
  RoleArn,
  ServiceName,
  StageName,
  Timestamp,
} from './rules.js';

/** What every command carries: the org it acts on, its id (for idempotency), who sends it and when. */
const envelope = {
  orgId: OrgId,
  commandId: CommandId,
  actor: Actor,
  issuedAt: Timestamp,
};
const tracing = { correlationId: t.string, causationId: t.string };

const command = <K extends string, P extends t.Props, O extends t.Props>(type: K, props: P, optionalProps: O) =>
  t.readonly(
    t.intersection([
      t.strict({ type: t.literal(type), ...envelope, ...props }),
      t.partial({ ...tracing, ...optionalProps }),
    ]),
    type,
  );

export const AddProvider = command(
  'AddProvider',
  { providerId: ProviderId, name: ProviderName, providerType: ProviderType, credentials: ProviderCredentials },
  { accountId: AccountId },
);
export const RenameProvider = command('RenameProvider', { providerId: ProviderId, name: ProviderName }, {});
export const UpdateProviderCredentials = command(
  'UpdateProviderCredentials',
  { providerId: ProviderId, credentials: ProviderCredentials },
  { accountId: AccountId },
);
export const RemoveProvider = command('RemoveProvider', { providerId: ProviderId }, { force: t.boolean, shred: t.boolean });
export const SetDefaultProvider = command('SetDefaultProvider', { providerId: ProviderId }, {});
export const ClearDefaultProvider = command('ClearDefaultProvider', { providerType: ProviderType }, {});
export const LinkProviderToService = command(
  'LinkProviderToService',
  { providerId: ProviderId, app: AppName, service: ServiceName },
  { replace: t.boolean },
);
export const UnlinkProviderFromService = command(
  'UnlinkProviderFromService',
  { app: AppName, service: ServiceName, providerType: ProviderType },
  {},
);
export const LinkProviderToInstance = command(
  'LinkProviderToInstance',
  { providerId: ProviderId, app: AppName, service: ServiceName, stage: StageName },
  { region: AwsRegion, replace: t.boolean },
);
export const UnlinkProviderFromInstance = command(
  'UnlinkProviderFromInstance',
  { app: AppName, service: ServiceName, stage: StageName, providerType: ProviderType },
  { region: AwsRegion },
);

// The legacy model, kept so that deployment profiles can be recorded and migrated.
export const CreateDeploymentProfile = command(
  'CreateDeploymentProfile',
  { profileId: DeploymentProfileId, name: DeploymentProfileName },
  { roleArn: RoleArn },
);
export const UpdateDeploymentProfile = command(
  'UpdateDeploymentProfile',
  { profileId: DeploymentProfileId, name: DeploymentProfileName },
  { roleArn: RoleArn },
);
export const LinkStageToDeploymentProfile = command(
  'LinkStageToDeploymentProfile',
  { app: AppName, stage: t.union([StageName, t.literal('default')]), profileId: DeploymentProfileId },
  {},
);
export const RecordInstanceDeployed = command(
  'RecordInstanceDeployed',
  { app: AppName, service: ServiceName, stage: StageName },
  { region: AwsRegion },
);

/** Records that a profile became a provider (or was skipped, with a reason). Sent by the migration. */
export const MarkDeploymentProfileMigrated = command(
  'MarkDeploymentProfileMigrated',
  { profileId: DeploymentProfileId, providerId: t.union([ProviderId, t.null]) },
  { reason: Reason },
);

export const commandCodecs = {
  AddProvider,
  RenameProvider,
  UpdateProviderCredentials,
  RemoveProvider,
  SetDefaultProvider,
  ClearDefaultProvider,
  LinkProviderToService,
  UnlinkProviderFromService,
  LinkProviderToInstance,
  UnlinkProviderFromInstance,
  CreateDeploymentProfile,
  UpdateDeploymentProfile,
  LinkStageToDeploymentProfile,
  RecordInstanceDeployed,
  MarkDeploymentProfileMigrated,
} as const;

export type CommandType = keyof typeof commandCodecs;
/** Every command the organization decider accepts. */
export type Command = { [K in CommandType]: t.TypeOf<(typeof commandCodecs)[K]> }[CommandType];
/** The command of one type. */
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;
