/** Small helpers the store-esdb tests share. */
import type { Json, NewEvent } from '@providers/store';
import { randomUUID } from 'node:crypto';
import * as assert from 'uvu/assert';

/** A new event with a fresh UUID. */
export const newEvent = (type = 'Tested', data: Json = { type }): NewEvent => ({ eventId: randomUUID(), type, data, metadata: { test: true } });

/** `count` new events of `type`. */
export const newEvents = (count: number, type = 'Tested'): NewEvent[] => Array.from({ length: count }, (_, i) => newEvent(type, { i }));

/** Every item of every page. */
export const collect = async <T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
};

/** The ids of some events. */
export const ids = (events: readonly { eventId: string }[]): string[] => events.map((event) => event.eventId);

/** `promise`, or a failure naming `what` after `ms` milliseconds: a test fails instead of hanging. */
export const within = <T>(ms: number, promise: Promise<T>, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** The error `promise` rejects with, checked to be a `type`. */
export const rejection = async <E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, type);
    return error as E;
  }
  assert.unreachable(`expected a ${type.name}, the call succeeded`);
  throw new Error('unreachable');
};
