// The account static keys act in, observed rather than taken on trust: STS GetCallerIdentity,
// signed with the keys themselves, through the same STS endpoint and region vending uses.
import { KeysAccountNotObserved, StsRequestRejected, StsUnavailable, VendingCredentialsInvalid } from './errors.js';
import { createStsGateway, type StsOptions } from './sts-gateway.js';

/** Static keys in plain text, for the one call that asks STS who they are. */
export interface StaticKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What went wrong, in the keys' terms (the gateway's errors speak of the vending identity), and whether asking again may help. */
const failureOf = (error: unknown): { readonly kind: 'rejected' | 'unavailable'; readonly detail: string } => {
  if (error instanceof VendingCredentialsInvalid) return { kind: 'rejected', detail: `STS refused the keys (${error.code})` };
  if (error instanceof StsRequestRejected) return { kind: 'rejected', detail: `STS rejected the request (${error.code})` };
  if (error instanceof StsUnavailable) return { kind: 'unavailable', detail: `STS did not answer after ${error.attempts} attempts (${error.lastProblem})` };
  return { kind: 'unavailable', detail: error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : 'unknown failure' };
};

/** Asks STS, with the keys themselves, which account they act in; throws `KeysAccountNotObserved` saying `why` it had to be known. */
export const observeKeysAccount = async (keys: StaticKeys, sts: StsOptions | undefined, why: string): Promise<string> => {
  // A malformed endpoint throws here, as the configuration error it is.
  const asKeys = createStsGateway({ ...sts, credentials: async () => ({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }) });
  try {
    return (await asKeys.callerIdentity()).accountId;
  } catch (error) {
    const { kind, detail } = failureOf(error);
    throw new KeysAccountNotObserved(keys.accessKeyId, kind, detail, why);
  } finally {
    asKeys.close();
  }
};
