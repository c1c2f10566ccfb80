// A credential provider for AWS SDK v3 clients: an embedder hands it to any client
// (`new S3Client({ credentials })`) and the client's calls run as the deployment's provider. The
// SDK asks the provider again whenever the credentials it holds are within five minutes of their
// expiration; this provider keeps its own copy until `renewBeforeSeconds` before expiry too, so one
// long-running client never uses a session in its last minutes and never asks STS more than once
// per session (concurrent calls share one vend).
import type { AwsCredentials, AwsCredentialsProvider } from './aws-credentials.js';
import type { AwsVendResult, VendRequest, VendResult } from './vendor.js';
import { errorClass } from '@providers/domain';

/** How a credential provider renews. */
export interface CredentialProviderOptions {
  /** Credentials are vended again this long before they expire (default 300 s, as the AWS SDK does). */
  readonly renewBeforeSeconds?: number;
  /** Milliseconds since the epoch. */
  readonly clock?: () => number;
}

/** A provider's credentials are not AWS credentials (another vendor's secret fields). */
export class NotAwsCredentials extends errorClass('NotAwsCredentials', 'usage', (type: string) => ({
  fields: { type },
  message: `the provider resolved for this deployment holds ${type} secret fields, not AWS credentials. Ask for type aws`,
})) {}

/** The default margin before expiry at which credentials are renewed. */
export const DEFAULT_RENEW_BEFORE_SECONDS = 300;

const toIdentity = (result: AwsVendResult): AwsCredentials => ({
  accessKeyId: result.accessKeyId,
  secretAccessKey: result.secretAccessKey,
  ...(result.sessionToken === undefined ? {} : { sessionToken: result.sessionToken }),
  ...(result.expiration === undefined ? {} : { expiration: result.expiration }),
  ...(result.accountId === undefined ? {} : { accountId: result.accountId }),
});

/**
 * An `AwsCredentialIdentityProvider` for one deployment: it vends on first use, returns the same
 * credentials while they are fresh, and vends again `renewBeforeSeconds` before they expire.
 * Static keys, which do not expire, are vended once.
 */
export const credentialProviderFor = (
  vend: (request: VendRequest) => Promise<VendResult>,
  request: VendRequest,
  options: CredentialProviderOptions = {},
): AwsCredentialsProvider => {
  const clock = options.clock ?? Date.now;
  const marginMs = (options.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_SECONDS) * 1000;
  let current: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  const fresh = (identity: AwsCredentials): boolean => identity.expiration === undefined || identity.expiration.getTime() - marginMs > clock();

  return () => {
    if (current !== undefined && fresh(current)) return Promise.resolve(current);
    pending ??= vend(request)
      .then((result) => {
        if (result.kind !== 'aws') throw new NotAwsCredentials(result.provider.type);
        current = toIdentity(result);
        return current;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
};
