// Every typed error of the library becomes a status and a body naming the error, its field and its message.
import { isDomainError, type DomainErrorTag } from '@providers/domain';
import { isVendingError, NoProviderResolved } from '@providers/vending';
import type { ErrorResponse } from './api.js';

/** An error the HTTP layer itself raises: no token, another org's data, an unknown route, a body that is not JSON. */
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

// A Record, so that a new domain error cannot be added without deciding its status here.
const DOMAIN_STATUS: Record<DomainErrorTag, number> = {
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
  ProviderInUse: 409,
  DeploymentProfileAlreadyExists: 409,
  DeploymentProfileMigratedAlready: 409,
};

/** The status and body of any error; an unexpected one is a 500 that does not echo its details. */
export const toHttpError = (error: unknown): { status: number; body: ErrorResponse } => {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.error, field: error.field, message: error.message } };
  if (isDomainError(error)) return { status: DOMAIN_STATUS[error._tag], body: { error: error._tag, field: error.field, message: error.message } };
  // Nothing resolves: for a deployment that is a missing link, not a failure of STS.
  if (error instanceof NoProviderResolved) return { status: 404, body: { error: error._tag, field: null, message: error.message } };
  if (isVendingError(error)) return { status: 502, body: { error: error._tag, field: null, message: error.message } };
  return { status: 500, body: { error: 'InternalError', field: null, message: 'the request failed; see the server log' } };
};
