/** Bounded retries with exponential backoff, for failures that may pass (see `isTransient`). */
import { isTransient } from './esdb-errors.js';

/** How often and how patiently transient failures are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The pause before the second attempt; each later pause doubles, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Four attempts within about a second. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 1000 };

/** The pause after the `failures`-th consecutive failure. */
export const backoffDelay = (policy: RetryPolicy, failures: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or
 * has failed `policy.attempts` times; then throws its last error unchanged.
 */
export const withRetry = async <T>(policy: RetryPolicy, operation: () => Promise<T>): Promise<T> => {
  for (let failures = 1; ; failures += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error) || failures >= policy.attempts) throw error;
      await sleep(backoffDelay(policy, failures));
    }
  }
};
