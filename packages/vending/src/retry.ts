import { errorClass } from '@providers/domain';
// Exponential backoff with full jitter (each wait is uniform in [0, min(cap, base·2^n)]), so that
// many vendors throttled together do not retry in lockstep; bounded by attempts and a deadline.

/** How hard to retry. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly deadlineMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** What went wrong in one attempt: worth another try, or final. */
export type AttemptProblem = { readonly retryable: true; readonly description: string } | { readonly retryable: false; readonly error: unknown };

/** Thrown when the attempts or the deadline ran out while the problem was still retryable. */
export class RetriesExhausted extends errorClass('RetriesExhausted', 'unavailable', (attempts: number, lastProblem: string) => ({
  fields: { attempts, lastProblem },
  message: `gave up after ${attempts} attempts: ${lastProblem}`,
})) {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `retry` (1 for the first retry), with full jitter. */
export const backoffDelay = (retry: number, policy: RetryPolicy, random: () => number = Math.random): number =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));

/**
 * Runs `attempt` until it succeeds or `classify` calls its failure final. Each attempt gets a signal
 * that aborts at the deadline; an attempt cut off by the deadline counts as a retryable problem.
 */
export const retryWithinDeadline = async <T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => AttemptProblem,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Promise<T> => {
  const deadline = Date.now() + policy.deadlineMs;
  for (let attempts = 1; ; attempts++) {
    const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    let problem: AttemptProblem;
    try {
      return await attempt(signal);
    } catch (error) {
      problem = signal.aborted ? { retryable: true, description: `no answer within ${policy.deadlineMs} ms` } : classify(error);
    }
    if (!problem.retryable) throw problem.error;
    const delay = backoffDelay(attempts, policy, random);
    if (attempts >= policy.maxAttempts || Date.now() + delay >= deadline) throw new RetriesExhausted(attempts, problem.description);
    await sleep(delay);
  }
};
