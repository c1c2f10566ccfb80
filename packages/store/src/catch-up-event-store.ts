import { catchUpSubscription, type CatchUpSource } from './catch-up-subscription.js';
import type { SubscribeAllOptions, Subscription } from './event-store.js';
import { EventStoreAdapter } from './event-store-adapter.js';

/** How a store hears of appends: a change signal for this process's, and a poll for the others'. */
export type LiveChanges = Pick<CatchUpSource, 'changes' | 'pollIntervalMs'>;

/**
 * An event store whose live subscriptions are catch-up reads of its own log
 * (`catchUpSubscription`), woken by what `changesToFollow` gives.
 */
export abstract class CatchUpEventStore extends EventStoreAdapter {
  /** How a subscription starting now hears of appends (a store may start listening for them here). */
  protected abstract changesToFollow(): LiveChanges;

  protected override follow(options: SubscribeAllOptions, forget: () => void): Subscription {
    const { changes, pollIntervalMs } = this.changesToFollow();
    return catchUpSubscription({ headPosition: () => this.headPosition(), readAll: (read) => this.readAll(read), changes, pollIntervalMs }, options, forget);
  }
}
