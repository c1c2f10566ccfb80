// The account guard at vend time, fail closed: the account credentials act in is checked against
// the deployment's pins before STS is asked (the role ARN's account), after (the assumed-role
// ARN's account), and for static keys and local fallback credentials. A link-time rule cannot
// stop a provider changed by events written around the rules; this check can.
import { vendingFailure } from './errors.js';

/** Where the account was read: the role ARN, the assumed-role ARN STS returned, static keys' recorded account, local credentials' caller identity. */
export type AccountCheckPoint = 'role-arn' | 'assumed-role' | 'static-keys' | 'local-fallback';

const SEEN: Record<AccountCheckPoint, string> = {
  'role-arn': 'the role ARN',
  'assumed-role': 'the assumed-role session STS returned',
  'static-keys': 'the static keys',
  'local-fallback': 'the local credentials',
};

/** Credentials were not handed out: the account they act in is not one the deployment's pins allow. */
export class CredentialsWithheld extends vendingFailure(
  'CredentialsWithheld',
  'rejected',
  (
    instance: string,
    check: AccountCheckPoint,
    expectedAccountIds: readonly string[],
    /** The account seen; null when it could not be told (the reason is in `detail`). */
    seenAccountId: string | null,
    providerId: string | null,
    providerName: string | null,
    detail?: string,
  ) => {
    const seen = seenAccountId === null ? `no account could be told${detail ? ` (${detail})` : ''}` : `saw account ${seenAccountId}`;
    return {
      fields: { instance, check, expectedAccountIds, seenAccountId, providerId, providerName, detail },
      message: `credentials withheld for ${instance}: expected an account in ${expectedAccountIds.join(', ')}, ${seen} in ${SEEN[check]}; nothing was handed out`,
      hint: 'The deployment is pinned to those accounts: link a provider of an allowed account, or change the pin if the deployment really moved',
    };
  },
) {}

/** The account of an IAM or STS ARN (`arn:aws:sts::123456789012:assumed-role/…`), or null. */
export const accountOfArn = (arn: string): string | null => /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? null;

/** What one check knows: the deployment, the accounts allowed (null: not pinned), the provider. */
export interface AccountGuard {
  readonly instance: string;
  readonly allowed: readonly string[] | null;
  readonly providerId: string | null;
  readonly providerName: string | null;
}

/** Throws `CredentialsWithheld` unless the deployment is unpinned or the account seen is allowed. */
export const requireAllowedAccount = (guard: AccountGuard, check: AccountCheckPoint, seen: string | null, detail?: string): void => {
  if (guard.allowed === null) return;
  if (seen !== null && guard.allowed.includes(seen)) return;
  throw new CredentialsWithheld(guard.instance, check, guard.allowed, seen, guard.providerId, guard.providerName, detail);
};
