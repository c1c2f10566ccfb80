/**
 * The key-store port: where wrapped data keys live, outside the event log, so
 * that deleting a key forgets the secrets sealed with it although the events
 * that hold the ciphertext are immutable.
 */
import { errorClass } from '@providers/domain';
/** A wrapped data key and the master key that wrapped it. */
export interface StoredKey {
  /** The data key, wrapped (encrypted) by a master key. */
  readonly wrapped: Uint8Array;
  /** Which master key wrapped it. */
  readonly masterKeyId: string;
}

/** Where wrapped data keys are kept, by key id. */
export interface KeyStore {
  get(keyId: string): Promise<StoredKey | undefined>;
  /** Stores a key; storing an id twice replaces the key (rotation re-wraps in place). */
  put(keyId: string, key: StoredKey): Promise<void>;
  /**
   * Stores `key` unless the id already has one, atomically even across
   * processes, and returns the key stored after the call: `key`, or the one
   * that was there. This is how a data key is created, so that two writers
   * creating the same id at once end up sealing with the same key.
   *
   * A store that can tell a deleted key from one never stored (EsdbKeyStore)
   * refuses to create a key under a deleted id with `KeyDeleted`: key ids
   * name providers, which are never reused, so a new key there is a bug.
   * The memory and SQLite stores forget deleted ids and create the key anew.
   */
  putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey>;
  /** Deletes a key for good. Deleting a missing key is not an error. */
  delete(keyId: string): Promise<void>;
  /** Every key id, for rotation. */
  list(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** `putIfAbsent` on a key id whose key was deleted (shredded): no new key is created there. */
export class KeyDeleted extends errorClass('KeyDeleted', 'failure', (keyId: string) => ({
  fields: { keyId },
  message: `data key ${keyId} was deleted (shredded): a deleted key id is never given a new key`,
})) {}
