// Every error becomes a status and a body naming the error, its field and its message. A rejection
// by a domain rule carries the domain's own message; anything unexpected is a 500 that echoes nothing.
import { ProvidersError, errorClass, type DomainError, type FailureKind, type ImportError } from '@providers/sdk';

/** A rejection by a domain rule, as the SDK returns it. */
export type DomainRejection = DomainError;

/** An error of the HTTP layer itself: no token, another org, an unknown route, a body that does not fit. Answered with its own status. */
export class HttpError extends errorClass(
  'HttpError',
  ({ status }): FailureKind => (status >= 500 ? 'failure' : 'rejected'),
  (status: number, error: string, message: string, field: string | null = null) => ({ fields: { status, error, field }, message }),
) {}

/** A domain rejection thrown out of a route, to be answered with its status. */
export class Rejection extends errorClass('Rejection', 'rejected', (rejection: DomainRejection) => ({ fields: { rejection }, message: rejection.message })) {}

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: string;
  readonly field: string | null;
  readonly message: string;
}

// A Record, so that a new domain rejection cannot appear without a status decided here.
const DOMAIN_STATUS: Record<DomainRejection['_tag'], number> = {
  InvalidInput: 400,
  CredentialsDoNotFitType: 400,
  AccountIdMismatch: 400,
  PermissionDenied: 403,
  ProviderNotFound: 404,
  NothingLinked: 404,
  NoDefaultProvider: 404,
  DeploymentProfileNotFound: 404,
  NoAccountPin: 404,
  ProviderAlreadyExists: 409,
  ProviderNameTaken: 409,
  ScopeAlreadyLinked: 409,
  DefaultAlreadySet: 409,
  ScopeUsesLocalCredentials: 409,
  ProviderInUse: 409,
  DeploymentProfileAlreadyExists: 409,
  DeploymentProfileMigratedAlready: 409,
  AccountNotAllowed: 409,
  AllowedAccountsEmpty: 409,
};

/**
 * A legacy export the migration refused, as an HTTP error: a file that does not fit the format is a
 * 400 naming the path in the file (`legacyExport` for the file as a whole); a step the domain
 * rejected has that rejection's status, and what ran before it stays (a re-run continues).
 */
export const migrationRefusal = (error: ImportError): HttpError =>
  error._tag === 'LegacyExportInvalid'
    ? new HttpError(400, error._tag, error.message, error.field || 'legacyExport')
    : new HttpError(DOMAIN_STATUS[error.error._tag], error._tag, error.message, error.field);

// The status of each kind of failure the SDK throws: a new error has a kind, so it cannot fall through unanswered.
const KIND_STATUS: Record<FailureKind, number> = { rejected: 422, usage: 400, unavailable: 503, failure: 500 };

// Where a status says more than its kind's: what is absent, gone for good, a race lost, an upstream's
// refusal, or the server's own configuration (not the caller's input).
const TAG_STATUS: Readonly<Record<string, number>> = {
  InvalidResolveRequest: 400,
  WrongExpectedRevision: 409,
  MasterKeyMissing: 503,
  MasterKeyUnknown: 503,
  MasterKeyMismatch: 503,
  InvalidMasterKey: 503,
  StsEndpointInvalid: 503,
  NoProviderResolved: 404,
  SecretShredded: 410,
  RoleAssumptionDenied: 502,
  StsRequestRejected: 502,
  StsResponseMalformed: 502,
  ConfusedDeputyRisk: 502,
  LocalCredentialsUnavailable: 502,
  CredentialsWithheld: 403,
};

/** The status and body of any error; a failure (or anything unknown) is a 500 that does not echo its details. */
export const toHttpError = (error: unknown): { status: number; body: ErrorBody } => {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.error, field: error.field, message: error.message } };
  if (error instanceof Rejection) {
    const { _tag, field, message } = error.rejection;
    return { status: DOMAIN_STATUS[_tag], body: { error: _tag, field, message } };
  }
  // Messages of the library's errors carry no secret by construction; a failure's may carry internals.
  if (error instanceof ProvidersError && error.kind !== 'failure') {
    const field = (error as { field?: unknown }).field;
    const status = TAG_STATUS[error._tag] ?? KIND_STATUS[error.kind];
    return { status, body: { error: error._tag, field: typeof field === 'string' ? field : null, message: error.message } };
  }
  return { status: 500, body: { error: 'InternalError', field: null, message: 'the request failed; see the server log' } };
};
