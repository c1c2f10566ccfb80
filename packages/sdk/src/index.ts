/** The library in one object: every command and query, typed. */
export { Providers } from './providers.js';
/** How to open it. */
export type { OpenOptions } from './open-options.js';
/** What every write says, and each write's own input. */
export type { WriteContext, WriteOutcome } from './write-context.js';
export type {
  AddProviderInput,
  ClearDefaultInput,
  LinkInput,
  LinkLocalCredentialsInput,
  LinkTarget,
  PinInput,
  PinTarget,
  UnpinInput,
  RemoveProviderInput,
  RenameProviderInput,
  SetDefaultInput,
  UnlinkInput,
  UpdateCredentialsInput,
} from './write-inputs.js';
/** Credentials as an admin gives them, and the checks of their secrets. */
export { DEFAULT_SESSION_DURATION_SECONDS, MAX_SECRET_VALUE_LENGTH, validatePlainSecrets, type PlainCredentials } from './provider-input.js';
/** The error of an `asOf` the domain's as-of parser refuses. */
export { InvalidAsOf } from './as-of.js';
/** The domain's one as-of parser, for the CLI's `--as-of` and HTTP's `?asOf=`. */
export { parseAsOf, parseAsOfTime, type AsOfPoint } from '@providers/domain';
/** Store URLs and the stores they open. */
export { DEFAULT_STORE_URL, InvalidStoreUrl, displayStoreUrl, openStores, parseStoreUrl, type StoreLocation, type Stores } from './store-url.js';
/** A snapshot that could not be used or saved (the answer was replayed from the log): what `OpenOptions.onWarning` hears. */
export type { SnapshotWarning } from '@providers/commands';
/** How many orgs' state and read models are kept in memory unless `OpenOptions.cachedOrgs` says otherwise, and the error for a bound that is not a whole number of at least 1. */
export { DEFAULT_CACHED_ORGS, InvalidCacheBound } from '@providers/commands';
/** Issuance records (`CredentialsIssued`), their query and kinds: what `Providers.issuance` answers. */
export type { Issuance, IssuanceKind, IssuancePruned, IssuanceQuery, IssuanceRow } from '@providers/vending';
/** A resolve or vend request refused by the rules the writes obey. */
export { InvalidResolveRequest } from './invalid-resolve-request.js';
/** Points in time, live read models, rebuilds. */
export type { AsOf, LiveOptions, LiveReadModels, RebuildInput, RebuildResult } from './read-models.js';
/** A provider of the catalog with its usages. */
export type { CatalogEntry } from './provider-catalog.js';
/** The org's access role template. */
export type { OrgIamTemplateInput } from './org-iam-template.js';
/** A legacy export to migrate. */
export { MIGRATION_ACTOR, type MigrateInput } from './legacy-migration.js';

// What the library's methods take and return, from the packages behind it.
export type { CommandResult } from '@providers/commands';
export { ActorRole, FAILURE_KINDS, MANAGING_ROLES, ProvidersError, decodeWith, errorClass, failureKindOf, isDomainError, rules, type FailureKind, type Actor, type DomainError, type DomainErrorTag, type EventEnvelope, type ProviderState } from '@providers/domain';
export {
  DECISIONS_LISTED,
  migrationText,
  parseLegacyExport,
  type MigrationTextOptions,
  type ImportError,
  type ImportReport,
  type LegacyApp,
  type LegacyExport,
  type MigrationFromExportReport,
  type MigrationReport,
  type Progress,
} from '@providers/migration';
export {
  FileCheckpointStore,
  MemoryCheckpointStore,
  auditCsv,
  type AsOfReadModels,
  type AuditFact,
  type AuditQuery,
  type CatalogProvider,
  type ChainLink,
  type ProviderUsages,
  type ReadModels,
  type Resolution,
  type ResolvedProvider,
  type ResolveRequest,
} from '@providers/projections';
export { InvalidMasterKey, MasterKeyMismatch, MasterKeyMissing, MasterKeyUnknown, MasterKeyring, Redactor, RotationIncomplete, SecretShredded, SecretTampered, generateMasterKey, type RotationReport, type UnopenedDataKey } from '@providers/secrets';
export type { AwsCredentialsProvider, AwsVendResult, CredentialProviderOptions, RoleVerified, StsOptions, VendRequest, VendResult, VerifyRoleInput } from '@providers/vending';
export { toCredentialProcess, type CredentialProcessOutput } from '@providers/vending/credential-process';
export { silenceSdkNodeVersionWarning } from '@providers/vending/sdk-warning';
export { LocalCredentialsOnPurpose, NoProviderResolved, isVendingError, type VendingError } from '@providers/vending/errors';
