/**
 * Unwrapped data keys, least recently used evicted first, so that a process
 * sealing or opening many secrets does not unwrap the same key over and over,
 * and holds at most `capacity` keys in memory.
 */
export class DataKeyCache {
  readonly #keys = new Map<string, Buffer>();

  constructor(readonly capacity: number) {}

  get(keyId: string): Buffer | undefined {
    const key = this.#keys.get(keyId);
    if (key !== undefined) {
      // Map keeps insertion order: re-inserting marks the key as most recently used.
      this.#keys.delete(keyId);
      this.#keys.set(keyId, key);
    }
    return key;
  }

  set(keyId: string, key: Buffer): void {
    this.#keys.delete(keyId);
    this.#keys.set(keyId, key);
    while (this.#keys.size > this.capacity) {
      const oldest = this.#keys.keys().next();
      if (oldest.done === true) break;
      this.#keys.delete(oldest.value);
    }
  }

  delete(keyId: string): void {
    this.#keys.delete(keyId);
  }
}
