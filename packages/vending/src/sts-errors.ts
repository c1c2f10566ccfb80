// How a failure of the AWS SDK's STS client becomes one of vending's typed errors. The SDK's error
// objects are never kept as `cause`: their hidden `$response` holds the raw reply, which for a
// malformed AssumeRole reply can contain credentials.
import {
  RoleAssumptionDenied,
  StsRequestRejected,
  StsResponseMalformed,
  VendingCredentialsInvalid,
} from './errors.js';
import type { AttemptProblem } from './retry.js';

/** What the failed call was about, to name it in the error. */
export interface StsCallContext {
  readonly action: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly region: string;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);
const transientCodes = new Set(['InternalFailure', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError']);
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const baseCredentialCodes = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
  'AuthFailure',
]);
const requestRejectedCodes = new Map([
  ['ValidationError', 'ValidationError'],
  ['MalformedPolicyDocument', 'MalformedPolicyDocument'],
  ['MalformedPolicyDocumentException', 'MalformedPolicyDocument'],
  ['PackedPolicyTooLarge', 'PackedPolicyTooLarge'],
  ['PackedPolicyTooLargeException', 'PackedPolicyTooLarge'],
  ['InvalidParameterValue', 'InvalidParameterValue'],
  ['InvalidParameterCombination', 'InvalidParameterCombination'],
  ['MissingParameter', 'MissingParameter'],
]);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Sorts a failed STS call into retryable, or final with its typed error. */
export const classifyStsFailure = (error: unknown, context: StsCallContext): AttemptProblem => {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : {};
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const code = text(shape.Code) ?? text(shape.code) ?? text(shape.name) ?? 'Unknown';
  const message = text(shape.message) ?? code;
  const final = (typed: Error): AttemptProblem => ({ retryable: false, error: typed });

  if (throttlingCodes.has(code)) return { retryable: true, description: `throttled (${code})` };
  if (transientCodes.has(code) || (status !== undefined && status >= 500)) {
    return { retryable: true, description: `STS failed with HTTP ${status ?? 'error'} (${code})` };
  }
  if (status === undefined && networkCodes.has(code)) return { retryable: true, description: `network error (${code})` };
  if (code === 'AccessDenied') return final(new RoleAssumptionDenied(context.roleArn ?? 'the role', context.externalId, message));
  if (code === 'RegionDisabledException') {
    return final(
      new VendingCredentialsInvalid(
        code,
        message,
        `STS is not activated in ${context.region} for the account; activate it in IAM account settings, or set sts.region to an activated region`,
      ),
    );
  }
  if (baseCredentialCodes.has(code)) {
    return final(
      new VendingCredentialsInvalid(
        code,
        message,
        'Refresh or replace the credentials vending runs with (the SDK default chain, or the credentials given in sts.credentials)',
      ),
    );
  }
  const rejected = requestRejectedCodes.get(code);
  if (rejected !== undefined) return final(new StsRequestRejected(rejected, context.roleArn, message));
  if (status !== undefined && status >= 200 && status < 300) return final(new StsResponseMalformed(context.action, message.split('\n')[0] ?? code));
  if (status === undefined && shape.name === 'CredentialsProviderError') {
    return final(
      new VendingCredentialsInvalid(
        'CredentialsProviderError',
        message,
        'Give vending an AWS identity: environment, profile, SSO or instance role (the SDK default chain), or sts.credentials',
      ),
    );
  }
  if (status === undefined) return { retryable: true, description: `network error (${code}: ${message})` };
  return final(new StsRequestRejected(code, context.roleArn, message));
};
