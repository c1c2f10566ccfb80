export { Actor, ActorRole } from './actor.js';
/** The one strict parser of an as-of point (a global position, or an ISO-8601 time with a zone). */
export { parseAsOf, parseAsOfTime, type AsOfPoint } from './as-of.js';
export {
  AddProvider,
  ClearDefaultProvider,
  CreateDeploymentProfile,
  LinkLocalCredentialsToInstance,
  LinkLocalCredentialsToService,
  LinkProviderToInstance,
  LinkProviderToService,
  LinkStageToDeploymentProfile,
  MarkDeploymentProfileMigrated,
  PinAccount,
  RecordInstanceDeployed,
  RemoveAccountPin,
  RemoveProvider,
  RenameProvider,
  SetDefaultProvider,
  UnlinkProviderFromInstance,
  UnlinkProviderFromService,
  UpdateDeploymentProfile,
  UpdateProviderCredentials,
  commandCodecs,
  type Command,
  type CommandOf,
  type CommandType,
} from './commands.js';
export {
  AwsKeysCredentials,
  AwsRoleCredentials,
  MAX_SECRET_FIELDS,
  ProviderCredentials,
  SealedSecret,
  SecretFieldsCredentials,
} from './credentials.js';
export { decide } from './decide.js';
/** Account pins: the accounts a scope may deploy to, and how they combine along a deployment's chain. */
export { accountOfCredentials, allowedAccounts, trustedAccountOf, unobservedKeysAccount, type AccountEvidence, type PinState } from './account-pins.js';
export { MAX_PINNED_ACCOUNTS, PinScope, PinnedAccountIds, describePinScope, pinKey, pinScopeOf } from './pin-scope.js';
export type { Decider, Decision } from './decision.js';
export { deployedInstanceKey, stageProfileKey, type DeployedInstance, type DeploymentProfileState } from './legacy-state.js';
export { LINKING_ROLES, MANAGING_ROLES, PERMISSIONS } from './permissions.js';
export { usagesOf } from './usages.js';
export { isDomainError, type DomainError, type DomainErrorTag, type PinNamed, type Usage } from './errors.js';
export {
  CURRENT_SCHEMA_VERSION,
  EVENT_TYPES,
  EventMetadata,
  eventDataCodecs,
  isEventType,
  type DomainEvent,
  type EventEnvelope,
  type EventOf,
  type EventType,
} from './events.js';
export { evolve } from './evolve.js';
export { PROVIDER_STATE, foldProvider, isProviderEvent, type ProviderEvent, type ProviderRecords } from './provider-fold.js';
/** The one rule of clearing a default, for every model that keeps an org's defaults. */
export { clearDefault } from './clear-default.js';
export {
  DEFAULT_PROVIDER_TYPE,
  resolveFrom,
  resolveOver,
  scopesFrom,
  scopesOf,
  type AccountCheck,
  type ChainLink,
  type DeploymentTarget,
  type PinOnChain,
  type Resolution,
  type ResolutionSource,
  type ProviderEntry,
  type ResolvedProvider,
  type ResolveRequest,
  type ScopeEntry,
  type ScopeLookup,
  type SetBy,
} from './resolution.js';
export { resolve, stateLookup } from './resolve.js';
export { ResolveRequestCodec, validateResolveRequest } from './resolve-request.js';
export * as rules from './rules.js';
export { accountIdOfRoleArn } from './rules.js';
export { instanceScope, linkScopeOf, placeOf, scopeKey, slotKey, type LinkScope, type Scope, type ScopeKind } from './scope.js';
export {
  COMMAND_ID_WINDOW,
  findProvider,
  initialState,
  nameKey,
  type LinkState,
  type OrgState,
  type ProviderState,
} from './state.js';
export { ORG_STREAM_PREFIX, orgIdOfStream, orgStream } from './streams.js';
export { decodeWith, invalidInput, toInvalidInput, validateCommand, CommandCodec, type InvalidInput } from './validation.js';
/** The kinds of failure every thrown error of the library has, and their base class: edges answer by kind. */
export { FAILURE_KINDS, ProvidersError, failureKindOf, type FailureKind } from './failure.js';
/** The one way to declare an error class: a tag, a kind, and the fields and message its arguments make. */
export { errorClass, type DeclaredError, type ErrorBase, type ErrorParts } from './error-class.js';
