import type { SealedSecret } from './sealed-secret.js';

/**
 * Secrets sealed under one key id whose data key, when new, is stored only by
 * `keep()`: the caller keeps it once the command carrying the ciphertext is
 * accepted, and discards it if that command is then not recorded.
 */
export interface PendingSeal {
  /** Encrypts `plaintext` for `field` under the pending seal's data key. */
  seal(field: string, plaintext: string): SealedSecret;
  /** Stores a new data key (an existing one stays); false when another writer stored a different key first. */
  keep(): Promise<boolean>;
  /** Deletes the data key `keep()` created (its command was not recorded); an existing key stays. */
  discard(): Promise<void>;
}
