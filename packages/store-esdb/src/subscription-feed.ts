/**
 * One `subscribeToAll` call of the client as an async iterable of batches:
 * each `next()` returns every event that arrived since the last one, so a
 * busy subscription is delivered in pages, not event by event. When the
 * consumer lags, the client's stream is paused and gRPC flow control holds
 * the server back.
 */
import { START, excludeSystemEvents, eventTypeFilter, streamNameFilter, type AllStreamResolvedEvent, type EventStoreDBClient, type Filter } from '@eventstore/db-client';
import type { ReadAllFilter } from '@providers/store';
import { toEsdbPosition } from './revisions.js';

/** A live subscription to `$all`; iteration ends when the server ends it, and throws what broke it. */
export interface SubscriptionFeed extends AsyncIterable<readonly AllStreamResolvedEvent[]> {
  /** Unsubscribes; the iteration then ends. */
  close(): Promise<void>;
}

const PAUSE_ABOVE = 1000;

/** Subscribes to the events of `$all` after `after` (0n: all of them), filtered on the server where it can be. */
export const subscriptionFeed = (client: EventStoreDBClient, after: bigint, filter: ReadAllFilter | undefined): SubscriptionFeed => {
  const subscription = client.subscribeToAll({ fromPosition: after > 0n ? toEsdbPosition(after) : START, filter: serverFilter(filter) });
  let buffered: AllStreamResolvedEvent[] = [];
  let failure: { error: unknown } | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  subscription.on('data', (event: AllStreamResolvedEvent) => {
    buffered.push(event);
    if (buffered.length >= PAUSE_ABOVE) subscription.pause();
    signal();
  });
  subscription.on('error', (error: unknown) => {
    failure ??= { error };
    signal();
  });
  subscription.on('end', () => {
    ended = true;
    signal();
  });
  subscription.on('close', () => {
    ended = true;
    signal();
  });

  async function* batches(): AsyncGenerator<readonly AllStreamResolvedEvent[], void, undefined> {
    for (;;) {
      if (buffered.length > 0) {
        const batch = buffered;
        buffered = [];
        subscription.resume();
        yield batch;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    [Symbol.asyncIterator]: () => batches(),
    close: async () => {
      ended = true;
      buffered = [];
      signal();
      await subscription.unsubscribe();
    },
  };
};

/**
 * The client filters on one thing, stream names or event types: stream
 * prefixes when the port filter has them, else the event types (as an
 * anchored alternation), else leave out system events. The adapter applies
 * the whole port filter again to what arrives.
 */
export const serverFilter = (filter: ReadAllFilter | undefined): Filter => {
  if (filter?.streamPrefixes !== undefined) {
    return filter.streamPrefixes.length > 0 ? streamNameFilter({ prefixes: [...filter.streamPrefixes] }) : streamNameFilter({ regex: MATCHES_NOTHING });
  }
  if (filter?.eventTypes !== undefined) {
    return filter.eventTypes.length > 0
      ? eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` })
      : eventTypeFilter({ regex: MATCHES_NOTHING });
  }
  return excludeSystemEvents();
};

// An empty lookahead never fails, so its negation never matches (in .NET and JavaScript alike).
const MATCHES_NOTHING = '(?!)';

const escapeRegex = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}#\s-]/g, (char) => `\\${char}`);
