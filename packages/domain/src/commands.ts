import * as t from 'io-ts';
import { ProviderCredentials } from './credentials.js';
import * as fields from './field-groups.js';
import { AccountId, AwsRegion, OrgId, ProviderId, ProviderName, ProviderType, Reason, RoleArn, Timestamp } from './rules.js';

/** What every command carries: the org it acts on, its id (for idempotency), who sends it and when. */
const envelope = { orgId: OrgId, ...fields.actedBy, issuedAt: Timestamp };

const command = <K extends string, P extends t.Props, O extends t.Props>(type: K, props: P, optionalProps: O) =>
  fields.withOptional({ type: t.literal(type), ...envelope, ...props }, { ...fields.tracing, ...optionalProps }, type);

/**
 * Adds a provider to the org with its (already sealed) credentials and, for AWS, its account id:
 * `accountId` as the admin declared it, `observedAccountId` as STS GetCallerIdentity answered for
 * static keys (the two must agree; the observed one is recorded).
 */
export const AddProvider = command(
  'AddProvider',
  { providerId: ProviderId, name: ProviderName, providerType: ProviderType, credentials: ProviderCredentials },
  { accountId: AccountId, observedAccountId: AccountId },
);
/** Renames a provider; names are unique in the org regardless of case. */
export const RenameProvider = command('RenameProvider', { providerId: ProviderId, name: ProviderName }, {});
/** Replaces a provider's credentials (rotation), optionally with a new account id, declared or observed as for AddProvider. */
export const UpdateProviderCredentials = command(
  'UpdateProviderCredentials',
  { providerId: ProviderId, credentials: ProviderCredentials },
  { accountId: AccountId, observedAccountId: AccountId },
);
/** Removes a provider; `force` also unlinks it where it is used, `shred` records that its data key is deleted for good. */
export const RemoveProvider = command('RemoveProvider', { providerId: ProviderId }, { force: t.boolean, shred: t.boolean });
/** Makes a provider the org-wide default for its type; `replace` swaps out the default already set, as with links. */
export const SetDefaultProvider = command('SetDefaultProvider', { providerId: ProviderId }, { replace: t.boolean });
/** Clears the org-wide default for a provider type. */
export const ClearDefaultProvider = command('ClearDefaultProvider', { providerType: ProviderType }, {});
/** Links a provider to every stage of a service; `replace` swaps out the one already linked. */
export const LinkProviderToService = command('LinkProviderToService', { providerId: ProviderId, ...fields.service }, { replace: t.boolean });
/** Unlinks a service's provider (or local-credentials link) of one type: stages without a link of their own fall back to the org default. */
export const UnlinkProviderFromService = command('UnlinkProviderFromService', { ...fields.service, providerType: ProviderType }, {});
/** Links a provider to one stage of a service, or with a region to one instance, overriding the service link. */
export const LinkProviderToInstance = command(
  'LinkProviderToInstance',
  { providerId: ProviderId, ...fields.stage },
  { region: AwsRegion, replace: t.boolean },
);
/** Unlinks a stage's or instance's provider (or local-credentials link) of one type: it falls back to the service link or the org default. */
export const UnlinkProviderFromInstance = command(
  'UnlinkProviderFromInstance',
  { ...fields.stage, providerType: ProviderType },
  { region: AwsRegion },
);
/**
 * Says that a service deploys with the deployer's own credentials for a provider type, on purpose:
 * resolution answers "none" there instead of reaching the org default. `replace` swaps out a provider linked there.
 */
export const LinkLocalCredentialsToService = command(
  'LinkLocalCredentialsToService',
  { ...fields.service, providerType: ProviderType },
  { replace: t.boolean },
);
/**
 * Says that one stage of a service (or with a region one instance) deploys with the deployer's own
 * credentials for a provider type, on purpose: a service link or the org default does not reach past it.
 */
export const LinkLocalCredentialsToInstance = command(
  'LinkLocalCredentialsToInstance',
  { ...fields.stage, providerType: ProviderType },
  { region: AwsRegion, replace: t.boolean },
);

/** Pins a scope (org, service, stage or instance) to the AWS accounts it may deploy to, replacing the pin it had. */
export const PinAccount = command('PinAccount', fields.pin, {});
/** Removes a scope's account pin: its deployments are then bound only by the pins of wider scopes. */
export const RemoveAccountPin = command('RemoveAccountPin', fields.pinRemoval, {});

// The legacy model, kept so that deployment profiles can be recorded and migrated.
/** Records a legacy deployment profile (a named role ARN) so it can be migrated. */
export const CreateDeploymentProfile = command('CreateDeploymentProfile', fields.profile, { roleArn: RoleArn });
/** Records a change to a legacy deployment profile's name or role ARN. */
export const UpdateDeploymentProfile = command('UpdateDeploymentProfile', fields.profile, { roleArn: RoleArn });
/** Records which legacy deployment profile a stage of an app (or its `default` stage) uses. */
export const LinkStageToDeploymentProfile = command('LinkStageToDeploymentProfile', fields.stageProfile, {});
/** Records that a service was deployed to a stage and region, so the migration knows which instances exist. */
export const RecordInstanceDeployed = command('RecordInstanceDeployed', fields.stage, { region: AwsRegion });

/** Records that a profile became a provider (or was skipped, with a reason). Sent by the migration. */
export const MarkDeploymentProfileMigrated = command('MarkDeploymentProfileMigrated', fields.profileMigration, { reason: Reason });

/** The codec of each command, by its `type`: decode input with these before deciding. */
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
  LinkLocalCredentialsToService,
  LinkLocalCredentialsToInstance,
  PinAccount,
  RemoveAccountPin,
  CreateDeploymentProfile,
  UpdateDeploymentProfile,
  LinkStageToDeploymentProfile,
  RecordInstanceDeployed,
  MarkDeploymentProfileMigrated,
} as const;

/** The `type` of a command. */
export type CommandType = keyof typeof commandCodecs;
/** Every command the organization decider accepts. */
export type Command = { [K in CommandType]: t.TypeOf<(typeof commandCodecs)[K]> }[CommandType];
/** The command of one type. */
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;
