/**
 * The key-store port: where wrapped data keys live, outside the event log, so
 * that deleting a key forgets the secrets sealed with it although the events
 * that hold the ciphertext are immutable.
 */
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
  /** Deletes a key for good. Deleting a missing key is not an error. */
  delete(keyId: string): Promise<void>;
  /** Every key id, for rotation. */
  list(): Promise<readonly string[]>;
  close(): Promise<void>;
}
