/**
 * `subscribeAll` over EventStoreDB: catch up by reading `$all` in pages up to
 * the head (which works on every server version, whether or not it sends
 * `caught_up`), say so, then follow a `subscribeToAll` from that position. A
 * subscription that drops for a transient reason is resumed from the last
 * event seen, with bounded backoff; when the server stays away the iteration
 * throws `StoreUnavailable`.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore, RecordedEvent, SubscribeAllOptions, Subscription, SubscriptionMessage } from '@providers/store';
import { StoreUnavailable } from '@providers/store';
import { isTransient, toStoreError } from './esdb-errors.js';
import { filterMatcher, isHidden, positionOf, toRecordedEvent } from './recorded-event.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry.js';
import { subscriptionFeed, type SubscriptionFeed } from './subscription-feed.js';

/** What the subscription needs of the store. */
export interface SubscriptionSource {
  readonly client: EventStoreDBClient;
  readonly headPosition: EventStore['headPosition'];
  readonly readAll: EventStore['readAll'];
  readonly retry: RetryPolicy;
}

/** A catch-up-then-live subscription to the log; `onClose` runs once when it ends for whatever reason. */
export const esdbSubscription = (source: SubscriptionSource, options: SubscribeAllOptions, onClose: () => void): Subscription => {
  const filter = options.filter;
  const matches = filterMatcher(filter);
  let closed = false;
  let feed: SubscriptionFeed | undefined;
  const end = async () => {
    if (closed) return;
    closed = true;
    onClose();
    await feed?.close();
  };

  async function* live(from: bigint): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let cursor = from;
    let failures = 0;
    while (!closed) {
      let dropped: unknown = new StoreUnavailable('EventStoreDB ended the subscription');
      feed = subscriptionFeed(source.client, cursor, filter);
      try {
        for await (const batch of feed) {
          failures = 0;
          const events: RecordedEvent[] = [];
          for (const resolved of batch) {
            const position = positionOf(resolved);
            // A resumed subscription may deliver again what it delivered before it dropped.
            if (position === undefined || position <= cursor) continue;
            cursor = position;
            if (isHidden(resolved) || !matches(resolved.event!.streamId, resolved.event!.type)) continue;
            events.push(toRecordedEvent(resolved));
          }
          if (events.length > 0 && !closed) yield { kind: 'events', events };
        }
      } catch (error) {
        dropped = error;
      } finally {
        await feed.close();
      }
      if (closed) return;
      failures += 1;
      if (!isTransient(dropped) || failures >= source.retry.attempts) throw toStoreError(dropped, 'follow $all');
      await sleep(backoffDelay(source.retry, failures));
    }
  }

  async function* messages(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let cursor = options.after ?? 0n;
    try {
      if (closed) return;
      const head = await source.headPosition();
      if (head > cursor) {
        for await (const events of source.readAll({ after: cursor, upTo: head, ...(filter ? { filter } : {}) })) {
          if (closed) return;
          yield { kind: 'events', events };
        }
        cursor = head;
      }
      if (closed) return;
      yield { kind: 'caught-up', position: cursor };
      yield* live(cursor);
    } catch (error) {
      if (!closed) throw toStoreError(error, 'follow $all');
    } finally {
      await end();
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: end,
  };
};
