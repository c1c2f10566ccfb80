/**
 * A real EventStoreDB cannot be emptied between tests, and the contract
 * suites want a new, empty store for each. These views give each test its
 * own corner of one database: streams and key ids get a unique prefix, reads
 * see only that prefix and only what was written after the view was made.
 */
import {
  KeyDeleted,
  type EventStore,
  type KeyStore,
  type ReadAllFilter,
  type RecordedEvent,
  type SubscribeAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '@providers/store';

/** An event store that sees only the streams of `scope`, and only their events after `baseline` (a head position). */
export const scopedEventStore = (store: EventStore, scope: string, baseline: bigint): EventStore => {
  const prefix = `${scope}-`;
  const inner = (stream: string) => `${prefix}${stream}`;
  const outer = (event: RecordedEvent): RecordedEvent => ({ ...event, stream: event.stream.slice(prefix.length) });
  const scoped = (filter: ReadAllFilter | undefined): ReadAllFilter => ({
    ...(filter?.eventTypes ? { eventTypes: filter.eventTypes } : {}),
    streamPrefixes: filter?.streamPrefixes ? filter.streamPrefixes.map(inner) : [prefix],
  });
  const from = (after: bigint | undefined) => (after !== undefined && after > baseline ? after : baseline);
  async function* outerPages(pages: AsyncIterable<readonly RecordedEvent[]>) {
    for await (const page of pages) yield page.map(outer);
  }
  const headPosition = async () => {
    let last = 0n;
    for await (const page of store.readAll({ after: baseline, filter: scoped(undefined) })) last = page[page.length - 1]!.position;
    return last;
  };
  return {
    append: (stream, events, expected) => store.append(inner(stream), events, expected),
    readStream: (stream, options) => outerPages(store.readStream(inner(stream), options)),
    readAll: (options = {}) => outerPages(store.readAll({ ...options, after: from(options.after), filter: scoped(options.filter) })),
    subscribeAll: (options: SubscribeAllOptions = {}) =>
      scopedSubscription(store.subscribeAll({ after: from(options.after), filter: scoped(options.filter) }), options.after ?? 0n, outer),
    headPosition,
    close: () => store.close(),
  };
};

// The store's caught-up position counts every stream; in the view it is the last event of the view (or `after`).
const scopedSubscription = (subscription: Subscription, after: bigint, outer: (event: RecordedEvent) => RecordedEvent): Subscription => {
  async function* messages(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let last = after;
    for await (const message of subscription) {
      if (message.kind === 'caught-up') {
        yield { kind: 'caught-up', position: last };
        continue;
      }
      last = message.events[message.events.length - 1]!.position;
      yield { kind: 'events', events: message.events.map(outer) };
    }
  }
  const iterator = messages();
  return { [Symbol.asyncIterator]: () => iterator, close: () => subscription.close() };
};

/** A key store that sees only the key ids written through it. */
export const scopedKeyStore = (store: KeyStore, scope: string): KeyStore => {
  const prefix = `${scope}-`;
  return {
    get: (keyId) => store.get(`${prefix}${keyId}`),
    put: (keyId, key) => store.put(`${prefix}${keyId}`, key),
    putIfAbsent: async (keyId, key) => {
      try {
        return await store.putIfAbsent(`${prefix}${keyId}`, key);
      } catch (error) {
        // The contract checks the key id the error names: the caller's, not the prefixed one.
        throw error instanceof KeyDeleted ? new KeyDeleted(keyId) : error;
      }
    },
    delete: (keyId) => store.delete(`${prefix}${keyId}`),
    list: async () => (await store.list()).filter((keyId) => keyId.startsWith(prefix)).map((keyId) => keyId.slice(prefix.length)),
    close: () => store.close(),
  };
};
