import { InvalidCacheBound } from './invalid-cache-bound.js';

/** How many orgs a tail-folded cache keeps in memory unless told otherwise. */
export const DEFAULT_CACHED_ORGS = 1_000;

/** How a value of one org is made and brought current from the org's stream. */
export interface TailFold<V> {
  /** A value for an org not in memory: restored from a snapshot, or empty (its tail is folded next). */
  load(orgId: string): Promise<V>;
  /** Folds into `value` what the org's stream gained after the last event folded into it. */
  catchUp(orgId: string, value: V): Promise<void>;
}

/**
 * A value per org (a state, read models), kept in memory and brought current
 * by folding the tail of the org's stream. At most `cachedOrgs` orgs are kept:
 * the one used least recently is dropped first, and is loaded again (from
 * its snapshot, or a replay) the next time it is asked for.
 */
export class TailFoldedCache<V> {
  readonly #fold: TailFold<V>;
  readonly #maxOrgs: number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #values = new Map<string, V>();
  // Loads under way, so two reads of one org at once load it once.
  readonly #loading = new Map<string, Promise<V>>();

  /** `cachedOrgs`: how many orgs are kept; anything but a whole number of at least 1 throws `InvalidCacheBound`. */
  constructor(fold: TailFold<V>, cachedOrgs: number = DEFAULT_CACHED_ORGS) {
    if (!Number.isSafeInteger(cachedOrgs) || cachedOrgs < 1) throw new InvalidCacheBound(cachedOrgs);
    this.#fold = fold;
    this.#maxOrgs = cachedOrgs;
  }

  /** The org's value folded to the end of its stream now (loaded first when it is not kept). */
  async current(orgId: string): Promise<V> {
    const value = this.#values.get(orgId) ?? (await this.#load(orgId));
    this.set(orgId, value);
    await this.#fold.catchUp(orgId, value);
    return value;
  }

  /** The org's value as far as it is folded, without reading or loading (undefined when not kept). */
  peek(orgId: string): V | undefined {
    return this.#values.get(orgId);
  }

  /** Keeps `value` as the org's, the most recently used; drops the least recently used orgs beyond the bound. */
  set(orgId: string, value: V): void {
    this.#values.delete(orgId);
    this.#values.set(orgId, value);
    for (const oldest of this.#values.keys()) {
      if (this.#values.size <= this.#maxOrgs) break;
      this.#values.delete(oldest);
    }
  }

  /** Forgets the org's value (the next read loads it again). */
  forget(orgId: string): void {
    this.#values.delete(orgId);
  }

  /** How many orgs are kept now (never more than the bound). */
  get size(): number {
    return this.#values.size;
  }

  #load(orgId: string): Promise<V> {
    const under = this.#loading.get(orgId);
    if (under) return under;
    const loading = this.#fold.load(orgId).finally(() => this.#loading.delete(orgId));
    this.#loading.set(orgId, loading);
    return loading;
  }
}
