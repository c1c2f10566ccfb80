/**
 * A real EventStoreDB cannot be emptied between tests, and the contract
 * suites want a new, empty store for each. These views give each test its
 * own corner of one database: streams and key ids get a unique prefix, reads
 * see only that prefix and only what was written after the view was made.
 */
import {
  KeyDeleted,
  PRUNABLE_STREAM_PREFIXES,
  isPrunableStream,
  type EventStore,
  type KeyStore,
  type ReadAllFilter,
  type RecordedEvent,
  type SubscribeAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '@providers/store';

/**
 * An event store that sees only the streams of `scope`, and only their events after `baseline` (a
 * head position). A log stream keeps its log prefix in front of the scope (`providers-issuance-<scope>-org`),
 * so that the store still lets it be truncated.
 */
export const scopedEventStore = (store: EventStore, scope: string, baseline: bigint): EventStore => {
  const prefix = `${scope}-`;
  const logs = PRUNABLE_STREAM_PREFIXES;
  const inner = (stream: string) => {
    const log = isPrunableStream(stream) ? logs.find((candidate) => stream.startsWith(candidate)) : undefined;
    return log === undefined ? `${prefix}${stream}` : `${log}${prefix}${stream.slice(log.length)}`;
  };
  const outer = (event: RecordedEvent): RecordedEvent => {
    const log = logs.find((candidate) => event.stream.startsWith(`${candidate}${prefix}`));
    return { ...event, stream: log === undefined ? event.stream.slice(prefix.length) : `${log}${event.stream.slice(log.length + prefix.length)}` };
  };
  // A filter prefix matches plain streams under the scope, and the scoped logs it covers.
  const innerPrefixes = (wanted: string): string[] => [
    `${prefix}${wanted}`,
    ...logs.flatMap((log) => (wanted.startsWith(log) ? [`${log}${prefix}${wanted.slice(log.length)}`] : log.startsWith(wanted) ? [`${log}${prefix}`] : [])),
  ];
  const scoped = (filter: ReadAllFilter | undefined): ReadAllFilter => ({
    ...(filter?.eventTypes ? { eventTypes: filter.eventTypes } : {}),
    streamPrefixes: (filter?.streamPrefixes ?? ['']).flatMap(innerPrefixes),
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
    truncateStreamBefore: (stream, revision) => (isPrunableStream(stream) ? store.truncateStreamBefore(inner(stream), revision) : store.truncateStreamBefore(stream, revision)),
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
