// The caller's own credentials, for a deployment that resolves to none and allows the fallback.
// Where the deployment is pinned, STS is asked who those credentials are (GetCallerIdentity,
// signed with them): a profile that silently fell back to `default` must not deploy to the wrong
// account, and a label on the credentials is not evidence.
import { CredentialsWithheld, requireAllowedAccount, type AccountGuard } from './account-check.js';
import type { AwsCredentials, AwsCredentialsProvider } from './aws-credentials.js';
import { LocalCredentialsUnavailable } from './errors.js';
import { createStsGateway, type StsOptions } from './sts-gateway.js';
import type { ResolutionSource } from './types.js';
import type { AwsVendResult } from './vend-result.js';

const firstLine = (error: unknown): string => (error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : 'unknown failure');

/** The account local credentials act in, checked against the pins; undefined when the deployment is not pinned. */
const checkedAccountOf = async (local: AwsCredentials, sts: StsOptions | undefined, guard: AccountGuard): Promise<string | undefined> => {
  if (guard.allowed === null) return undefined;
  const asLocal = createStsGateway({ ...sts, credentials: async () => local });
  try {
    const { accountId } = await asLocal.callerIdentity();
    requireAllowedAccount(guard, 'local-fallback', accountId);
    return accountId;
  } catch (error) {
    if (error instanceof CredentialsWithheld) throw error;
    requireAllowedAccount(guard, 'local-fallback', null, `GetCallerIdentity failed: ${firstLine(error)}`);
    throw error;
  } finally {
    asLocal.close();
  }
};

/**
 * The local credentials as a vend result, once their account passed the pins; `source` is the
 * scope of a local-credentials link, or `none`.
 */
export const vendLocalFallback = async (
  localCredentials: AwsCredentialsProvider,
  sts: StsOptions | undefined,
  guard: AccountGuard,
  source: ResolutionSource,
): Promise<AwsVendResult> => {
  let local: AwsCredentials;
  try {
    local = await localCredentials();
  } catch (error) {
    throw new LocalCredentialsUnavailable(firstLine(error));
  }
  const accountId = (await checkedAccountOf(local, sts, guard)) ?? local.accountId;
  return {
    kind: 'aws',
    accessKeyId: local.accessKeyId,
    secretAccessKey: local.secretAccessKey,
    ...(local.sessionToken === undefined ? {} : { sessionToken: local.sessionToken }),
    ...(local.expiration === undefined ? {} : { expiration: local.expiration }),
    ...(accountId === undefined ? {} : { accountId }),
    provider: null,
    source,
  };
};
