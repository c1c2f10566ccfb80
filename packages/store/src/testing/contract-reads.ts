// What the contract suites share: reading a store back into plain arrays, and expecting a typed rejection.
import * as assert from 'uvu/assert';
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

/** The error `promise` rejects with, checked to be a `type`; fails the test when it resolves. */
export const rejection = async <E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, type);
    return error as E;
  }
  return fail(`expected a ${type.name}, the call succeeded`);
};

/** Fails the test with `message`. */
export const fail = (message: string): never => {
  assert.unreachable(message);
  throw new Error(message);
};
