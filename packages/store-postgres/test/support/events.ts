import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '@providers/store';

/** `count` new events of type `type`, numbered in their data. */
export const newEvents = (count: number, type = 'Tested', data: Record<string, unknown> = {}): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type, data: { ...data, i } as NewEvent['data'], metadata: { i } }));

/** Every event of the store, in global order. */
export const readAll = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readAll()) events.push(...page);
  return events;
};

/** One stream's events, in revision order. */
export const readStream = async (store: EventStore, stream: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readStream(stream)) events.push(...page);
  return events;
};

/** Fails instead of hanging when `promise` does not settle within `ms` (a guard, not a measurement). */
export const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });

/** A live subscription's events, after it caught up, until `count` have come. */
export const liveEvents = (subscription: Subscription) => {
  const iterator = subscription[Symbol.asyncIterator]();
  const delivered: RecordedEvent[] = [];
  let caughtUp: bigint | undefined;
  const next = async () => {
    const result = await iterator.next();
    if (result.done) throw new Error('the subscription ended');
    if (result.value.kind === 'caught-up') caughtUp = result.value.position;
    else delivered.push(...result.value.events);
  };
  return {
    /** The live events delivered so far (after the caught-up marker). */
    delivered,
    /** Reads until the subscription says it caught up, and returns the backlog. */
    caughtUp: async () => {
      while (caughtUp === undefined) await next();
      return delivered.splice(0, delivered.length);
    },
    /** Reads until `count` live events have come. */
    until: async (count: number) => {
      while (delivered.length < count) await next();
      return delivered;
    },
  };
};
