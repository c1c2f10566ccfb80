// When static keys' account is observed before they are recorded: when the SDK is configured to
// (or a write asks), and always in an org with account pins, where keys of an account not known
// can never be allowed. Otherwise nothing reaches STS: adding keys offline, in a test or the demo,
// records the declared account (or none).
import type { OrgState } from '@providers/domain';
import type { StsOptions } from '@providers/vending';
import type { PlainCredentials } from './provider-input.js';

/** How the SDK observes: whether it is configured to, and the STS vending uses. */
export interface KeysAccountObservation {
  readonly always: boolean;
  readonly sts?: StsOptions;
}

/** New credentials for a provider of a type (undefined: no such provider, which the rules refuse), and whether the write asks to observe. */
export interface NewCredentials {
  readonly providerType: string | undefined;
  readonly credentials: PlainCredentials;
  readonly asked: boolean | undefined;
}

/** The account STS observes for new static keys of an aws provider, undefined when they are not observed; throws `KeysAccountNotObserved`. */
export const observedAccountOf = async (observation: KeysAccountObservation, { providerType, credentials, asked }: NewCredentials, state: OrgState): Promise<string | undefined> => {
  if (credentials.kind !== 'aws-keys' || providerType !== 'aws') return undefined;
  const pinned = state.pins.size > 0;
  if (!pinned && !(asked ?? observation.always)) return undefined;
  const why = pinned ? 'the organization has account pins, where keys of an account not known cannot be allowed' : 'observing it was asked for';
  const { observeKeysAccount } = await import('@providers/vending');
  return observeKeysAccount(credentials, observation.sts, why);
};
