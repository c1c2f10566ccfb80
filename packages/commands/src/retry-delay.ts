/** The longest a command waits before deciding again after a lost race, in ms. */
export const MAX_RETRY_DELAY_MS = 250;
const BASE_RETRY_DELAY_MS = 5;

/**
 * How long a command waits before deciding again after losing the race for its org's stream
 * the `lost`-th time. The first retry goes at once: it reads the winner's events anyway, and one
 * collision is the common case. Later ones wait a random time below a bound that doubles each
 * time ("full jitter"), so that writers that keep colliding (several processes on one org)
 * spread out instead of colliding again in step.
 */
export const retryDelayMs = (lost: number, random: () => number = Math.random): number =>
  lost <= 1 ? 0 : Math.floor(random() * Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** (lost - 2)));
