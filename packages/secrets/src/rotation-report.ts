import { MasterKeyMismatch, MasterKeyUnknown, SecretTampered } from './errors.js';

/** A data key that rotation could not open, left wrapped as it was. */
export interface UnopenedDataKey {
  readonly keyId: string;
  readonly masterKeyId: string;
  readonly reason: string;
}

/** What `SecretSealer.rotate` did: how many data keys it re-wrapped, and which it could not open. */
export interface RotationReport {
  readonly rewrapped: number;
  readonly unopened: readonly UnopenedDataKey[];
}

/** Why a data key does not open, in a few words for a list (each error's own message is written for one key); `undefined` for other errors. */
export const unopenedReason = (error: unknown, masterKeyId: string): string | undefined => {
  if (error instanceof MasterKeyUnknown) return `master key ${masterKeyId} is not in the keyring`;
  if (error instanceof MasterKeyMismatch) {
    return error.certain
      ? `wrapped by another key than the one id ${masterKeyId} names here`
      : `does not unwrap with master key ${masterKeyId}: wrapped by another key under that id, or altered`;
  }
  if (error instanceof SecretTampered) return `does not unwrap with master key ${masterKeyId}: the wrapped key was altered`;
  return undefined;
};
