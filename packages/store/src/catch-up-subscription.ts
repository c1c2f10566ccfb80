import type { ChangeSignal } from './change-signal.js';
import type { EventStore, SubscribeAllOptions, Subscription, SubscriptionMessage } from './event-store.js';

/** What a catch-up subscription needs of a store: its head, its pages, and news of appends. */
export interface CatchUpSource {
  readonly headPosition: EventStore['headPosition'];
  readonly readAll: EventStore['readAll'];
  /** Signalled when this process appends, so that live events arrive without waiting for a poll. */
  readonly changes: ChangeSignal;
  /** Also look for new events this often (for writers the signal does not hear, e.g. other processes). */
  readonly pollIntervalMs?: number;
}

/**
 * A `Subscription` built on `headPosition` and `readAll`: it reads up to the
 * head, says it caught up, then reads again whenever the store changes (or
 * the poll interval passes). Events are read on demand, so a slow consumer
 * holds back reading rather than piling events up in memory. `onClose` runs
 * once, when the subscription ends for whatever reason.
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  options: SubscribeAllOptions = {},
  onClose: () => void = () => {},
): Subscription => {
  const stop = new AbortController();
  const filter = options.filter;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stop.abort();
    onClose();
  };

  async function* messages(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let cursor = options.after ?? 0n;
    let caughtUp = false;
    try {
      while (!stop.signal.aborted) {
        const seen = source.changes.version;
        const head = await source.headPosition();
        if (head > cursor && !stop.signal.aborted) {
          for await (const events of source.readAll({ after: cursor, upTo: head, ...(filter ? { filter } : {}) })) {
            if (stop.signal.aborted) return;
            yield { kind: 'events', events };
          }
          // Everything up to the head was read, including events the filter skipped.
          cursor = head;
        }
        if (stop.signal.aborted) return;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: cursor };
        }
        await source.changes.wait(seen, {
          signal: stop.signal,
          ...(source.pollIntervalMs !== undefined ? { timeoutMs: source.pollIntervalMs } : {}),
        });
      }
    } catch (error) {
      // A read cut short by close() (the store may have closed under it) is an end, not a failure.
      if (!stop.signal.aborted) throw error;
    } finally {
      end();
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => end(),
  };
};
