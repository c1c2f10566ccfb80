export type {
  ChainLink,
  ProviderCredentials,
  Resolution,
  ResolutionSource,
  Resolve,
  ResolvedProvider,
  ResolveRequest,
  SealedSecret,
  Unseal,
} from './types.js';
export type { AwsCredentials, AwsCredentialsProvider } from './aws-credentials.js';
export {
  createVendor,
  type AssumedSession,
  type AwsVendResult,
  type ProviderSummary,
  type SecretVendResult,
  type VendRequest,
  type VendResult,
  type Vendor,
  type VendorOptions,
} from './vendor.js';
export type { CallerIdentity, StsOptions } from './sts-gateway.js';
export { CREDENTIALS_ISSUED, issuanceStream, type Issuance, type IssuanceKind, type IssuedFor, type Withheld } from './issuance.js';
/** The account guard at vend time: credentials whose account the deployment's pins do not allow are withheld. */
export { CredentialsWithheld, accountOfArn, type AccountCheckPoint } from './account-check.js';
/** Static keys' account, observed with GetCallerIdentity signed by the keys, or a typed failure saying why not. */
export { observeKeysAccount, type StaticKeys } from './keys-account.js';
export { createIssuanceLog, type IssuanceLog, type IssuanceRecorder } from './issuance-log.js';
export { InvalidIssuancePrune, pruneIssuance, type IssuancePrune, type IssuancePruned } from './issuance-retention.js';
export {
  InvalidIssuanceQuery,
  ISSUANCE_CSV_COLUMNS,
  issuanceCsv,
  queryIssuance,
  type IssuanceQuery,
  type IssuanceRow,
} from './issuance-query.js';
export { verifyRole, type RoleVerified, type VerifyRoleInput } from './verify-role.js';
export { roleSessionName, sourceIdentityOf, type SessionInstance } from './session-name.js';
export { sanitizeTagValue, sessionTagKeys, sessionTags, type SessionTag } from './session-tags.js';
export { iamTemplate, validateIamTemplateOptions, type IamTemplateInput } from './iam-template.js';
export {
  externalIdStream,
  generateExternalId,
  keepOrgExternalId,
  orgExternalId,
  orgExternalIdForRoles,
  proposedOrgExternalId,
  recordedExternalId,
} from './org-external-id.js';
export {
  credentialProviderFor,
  DEFAULT_RENEW_BEFORE_SECONDS,
  NotAwsCredentials,
  type CredentialProviderOptions,
} from './credential-provider.js';
export { toCredentialProcess, type CredentialProcessOutput } from './credential-process.js';
export { silenceSdkNodeVersionWarning } from './sdk-warning.js';
export {
  ConfusedDeputyRisk,
  IamTemplateInputInvalid,
  IssuanceNotRecorded,
  isVendingError,
  KeysAccountNotObserved,
  LocalCredentialsOnPurpose,
  LocalCredentialsUnavailable,
  NoProviderResolved,
  RoleAssumptionDenied,
  StsRequestRejected,
  StsEndpointInvalid,
  StsResponseMalformed,
  StsUnavailable,
  VendingCredentialsInvalid,
  VendingFailure,
  type ScopeLookedAt,
  type VendingError,
} from './errors.js';
