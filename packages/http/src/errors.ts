// Every error becomes a status and a body naming the error, its field and its message. A rejection
// by a domain rule carries the domain's own message; anything unexpected is a 500 that echoes nothing.
import type { DomainError } from '@providers/sdk';

/** A rejection by a domain rule, as the SDK returns it. */
export type DomainRejection = DomainError;

/** An error of the HTTP layer itself: no token, another org, an unknown route, a body that does not fit. */
export class HttpError extends Error {
  readonly _tag = 'HttpError' as const;
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A domain rejection thrown out of a route, to be answered with its status. */
export class Rejection extends Error {
  readonly _tag = 'Rejection' as const;
  constructor(readonly rejection: DomainRejection) {
    super(rejection.message);
    this.name = 'Rejection';
  }
}

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
  PermissionDenied: 403,
  ProviderNotFound: 404,
  NothingLinked: 404,
  NoDefaultProvider: 404,
  DeploymentProfileNotFound: 404,
  ProviderAlreadyExists: 409,
  ProviderNameTaken: 409,
  ScopeAlreadyLinked: 409,
  ScopeUsesLocalCredentials: 409,
  ProviderInUse: 409,
  DeploymentProfileAlreadyExists: 409,
  DeploymentProfileMigratedAlready: 409,
};

// Errors the SDK throws whose message is safe to show (they carry no secret by construction).
const THROWN_STATUS: Readonly<Record<string, number>> = {
  InvalidPointInTime: 400,
  InvalidResolveRequest: 400,
  InvalidAuditQuery: 400,
  InvalidLegacyExport: 400,
  NoProviderResolved: 404,
  RoleAssumptionDenied: 502,
  StsRequestRejected: 502,
  StsResponseMalformed: 502,
  StsUnavailable: 503,
  ConfusedDeputyRisk: 502,
  LocalCredentialsUnavailable: 502,
  SecretShredded: 410,
  MasterKeyMissing: 503,
  MasterKeyUnknown: 503,
};

/** The status and body of any error; an unexpected one is a 500 that does not echo its details. */
export const toHttpError = (error: unknown): { status: number; body: ErrorBody } => {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.error, field: error.field, message: error.message } };
  if (error instanceof Rejection) {
    const { _tag, field, message } = error.rejection;
    return { status: DOMAIN_STATUS[_tag] ?? 400, body: { error: _tag, field, message } };
  }
  const tag = (error as { _tag?: unknown } | null)?._tag;
  if (typeof tag === 'string' && THROWN_STATUS[tag] !== undefined) {
    const field = (error as { field?: unknown }).field;
    return { status: THROWN_STATUS[tag]!, body: { error: tag, field: typeof field === 'string' ? field : null, message: (error as Error).message } };
  }
  return { status: 500, body: { error: 'InternalError', field: null, message: 'the request failed; see the server log' } };
};
