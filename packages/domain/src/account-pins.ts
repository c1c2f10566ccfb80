import type { ProviderCredentials } from './credentials.js';
import { pinScopesFrom, type PinScope } from './pin-scope.js';
import type { SetBy } from './resolution.js';
import { accountIdOfRoleArn } from './rules.js';

/** An account pin in force: the accounts a scope deploys to, why, and the event that set it. */
export interface PinState {
  readonly scope: PinScope;
  /** Sorted, without repeats. */
  readonly accountIds: readonly string[];
  readonly reason: string;
  readonly setBy: SetBy;
}

/** What looking up pins needs: the pin at a scope, if any (the org state and the resolution index both answer it). */
export type PinAt = (scope: PinScope) => Pick<PinState, 'scope' | 'accountIds'> | undefined;

/** The pins in force along a scope's chain, from the scope itself up to the org. */
export const pinsAlong = <P>(pinAt: (scope: PinScope) => P | undefined, scope: PinScope): P[] => {
  const pins: P[] = [];
  for (const s of pinScopesFrom(scope)) {
    const pin = pinAt(s);
    if (pin !== undefined) pins.push(pin);
  }
  return pins;
};

/**
 * The accounts a deployment under these pins may use: the intersection of
 * them all, sorted; null when no pin applies (any account will do).
 */
export const allowedAccounts = (pins: readonly Pick<PinState, 'accountIds'>[]): readonly string[] | null => {
  if (pins.length === 0) return null;
  return pins.slice(1).reduce<readonly string[]>((allowed, pin) => allowed.filter((id) => pin.accountIds.includes(id)), pins[0]!.accountIds);
};

/** The first pin of a chain that does not allow an account (null: the account is unknown, so none allows it). */
export const pinExcluding = <P extends Pick<PinState, 'accountIds'>>(pins: readonly P[], accountId: string | null): P | undefined =>
  pins.find((pin) => accountId === null || !pin.accountIds.includes(accountId));

/**
 * The AWS account credentials act in: an access role's is in its ARN (the
 * truth, whatever else was recorded); static keys' is the one observed when
 * they were added or updated, or null when none was.
 */
export const accountOfCredentials = (credentials: ProviderCredentials, recorded: string | undefined): string | null =>
  credentials.kind === 'aws-role' ? (accountIdOfRoleArn(credentials.roleArn) ?? null) : (recorded ?? null);

/** A provider as the pin checks read its account. */
export interface AccountEvidence {
  readonly credentials: ProviderCredentials;
  readonly accountId?: string;
  readonly accountObserved?: true;
}

/**
 * The account a pin check trusts a provider to act in: an access role's, from its ARN; static
 * keys', only one STS observed for them (GetCallerIdentity, signed with the keys). A declared
 * account is a claim nobody checked, so where a pin applies it counts as not known (null).
 */
export const trustedAccountOf = (provider: AccountEvidence): string | null =>
  provider.credentials.kind === 'aws-keys' && !provider.accountObserved ? null : accountOfCredentials(provider.credentials, provider.accountId);

/** Why static keys' account is not trusted where a pin applies, and what makes it trusted: said alike at link and at vend time. */
export const unobservedKeysAccount = (declaredAccountId: string | undefined): string =>
  `${declaredAccountId === undefined ? 'its static keys’ account was never observed' : `its static keys’ account ${declaredAccountId} was declared, never observed`}: ` +
  'update its credentials so that STS GetCallerIdentity observes it';

/** Account ids as a pin keeps them: sorted, each once. */
export const normalizedAccountIds = (ids: readonly string[]): readonly string[] => [...new Set(ids)].sort();
