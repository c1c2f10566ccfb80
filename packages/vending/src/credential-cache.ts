// Minting a session costs an STS call (and counts against its rate limit), so sessions are reused
// until shortly before they expire, and concurrent requests for the same session wait for the
// one call already under way. A failed call leaves nothing behind, so the next request retries.

/** Something that stops being usable at `expiration`. */
export interface Expiring {
  readonly expiration: Date;
}

/** A cache of expiring values with one load in flight per key. */
export interface CredentialCache<T extends Expiring> {
  /** The cached value for `key` if it is still fresh, else the result of one shared `load`. */
  get(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

/** A cache that treats values as stale `refreshWindowMs` before they expire, by `clock`. */
export const createCredentialCache = <T extends Expiring>(clock: () => number, refreshWindowMs: number): CredentialCache<T> => {
  const fresh = new Map<string, T>();
  const inFlight = new Map<string, Promise<T>>();
  const isFresh = (value: T): boolean => value.expiration.getTime() - refreshWindowMs > clock();

  const dropStale = (): void => {
    for (const [key, value] of fresh) if (!isFresh(value)) fresh.delete(key);
  };

  const get = (key: string, load: () => Promise<T>): Promise<T> => {
    const cached = fresh.get(key);
    if (cached !== undefined && isFresh(cached)) return Promise.resolve(cached);
    const pending = inFlight.get(key);
    if (pending !== undefined) return pending;
    dropStale();
    const loading = load()
      .then((value) => {
        if (isFresh(value)) fresh.set(key, value);
        return value;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, loading);
    return loading;
  };

  return {
    get,
    clear: () => {
      fresh.clear();
      inFlight.clear();
    },
  };
};
