import { StoreUnavailable } from './errors.js';
import type { KeyStore, StoredKey } from './key-store.js';

/**
 * A key store in this process's memory. Bytes are copied in and out, so a
 * caller that reuses or wipes its buffer does not change the stored key.
 */
export class MemoryKeyStore implements KeyStore {
  readonly #keys = new Map<string, StoredKey>();
  #closed = false;

  async get(keyId: string): Promise<StoredKey | undefined> {
    this.#assertOpen();
    const key = this.#keys.get(keyId);
    return key && { wrapped: new Uint8Array(key.wrapped), masterKeyId: key.masterKeyId };
  }

  async put(keyId: string, key: StoredKey): Promise<void> {
    this.#assertOpen();
    this.#keys.get(keyId)?.wrapped.fill(0);
    this.#keys.set(keyId, { wrapped: new Uint8Array(key.wrapped), masterKeyId: key.masterKeyId });
  }

  async putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey> {
    this.#assertOpen();
    // No await between the check and the set: one call runs to the end before another starts.
    let kept = this.#keys.get(keyId);
    if (kept === undefined) {
      kept = { wrapped: new Uint8Array(key.wrapped), masterKeyId: key.masterKeyId };
      this.#keys.set(keyId, kept);
    }
    return { wrapped: new Uint8Array(kept.wrapped), masterKeyId: kept.masterKeyId };
  }

  async delete(keyId: string): Promise<void> {
    this.#assertOpen();
    // Zero the bytes before letting go of them: the garbage collector frees memory when it likes.
    this.#keys.get(keyId)?.wrapped.fill(0);
    this.#keys.delete(keyId);
  }

  async list(): Promise<readonly string[]> {
    this.#assertOpen();
    return [...this.#keys.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreUnavailable('the in-memory key store is closed');
  }
}
