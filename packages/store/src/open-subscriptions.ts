import type { Subscription } from './event-store.js';

/**
 * The live subscriptions an event store has handed out and that have not
 * ended, so that closing the store closes them: each forgets itself when it
 * ends, for whatever reason.
 */
export class OpenSubscriptions {
  readonly #open = new Set<Subscription>();

  /** Starts a subscription, handing `start` the callback that forgets it once it ends, and keeps it until then. */
  track(start: (forget: () => void) => Subscription): Subscription {
    const subscription = start(() => this.#open.delete(subscription));
    this.#open.add(subscription);
    return subscription;
  }

  /** Closes every subscription still open. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#open].map((subscription) => subscription.close()));
  }
}
