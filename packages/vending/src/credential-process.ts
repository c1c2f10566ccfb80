// The JSON an AWS profile's `credential_process` prints on stdout, so that a profile can use a
// provider directly. Nothing else may reach stdout in that mode (see sdk-warning.ts).
import type { AwsVendResult } from './vendor.js';

/** The `credential_process` output format (Version 1) the AWS CLI and SDKs read. */
export interface CredentialProcessOutput {
  readonly Version: 1;
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
  /** ISO 8601; absent for credentials that do not expire (static keys). */
  readonly Expiration?: string;
  readonly AccountId?: string;
}

/** Vended AWS credentials in the `credential_process` format. */
export const toCredentialProcess = (result: AwsVendResult): CredentialProcessOutput => ({
  Version: 1,
  AccessKeyId: result.accessKeyId,
  SecretAccessKey: result.secretAccessKey,
  ...(result.sessionToken === undefined ? {} : { SessionToken: result.sessionToken }),
  ...(result.expiration === undefined ? {} : { Expiration: result.expiration.toISOString() }),
  ...(result.accountId === undefined ? {} : { AccountId: result.accountId }),
});
