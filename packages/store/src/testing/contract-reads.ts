// What the contract suites share: reading a store back into plain arrays.
import type { EventStore, RecordedEvent } from '../event-store.js';

/** Every page of a read, collected. */
export const pages = async (iterable: AsyncIterable<readonly RecordedEvent[]>) => {
  const collected: (readonly RecordedEvent[])[] = [];
  for await (const page of iterable) collected.push(page);
  return collected;
};

/** Only the port's fields of an event, so that adapters' extra properties do not fail deep equality. */
export const plain = (e: RecordedEvent): RecordedEvent => ({
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  stream: e.stream,
  revision: e.revision,
  position: e.position,
});

/** One stream's events, read to the end. */
export const readStream = async (store: EventStore, stream: string, options?: { after?: bigint }) =>
  (await pages(store.readStream(stream, options))).flat().map(plain);

/** The store's events in global order, read to the end. */
export const readAll = async (store: EventStore, options?: Parameters<EventStore['readAll']>[0]) =>
  (await pages(store.readAll(options))).flat().map(plain);


