/** Small helpers the store-esdb tests share. */
import type { Json, NewEvent } from '@providers/store';
import { randomUUID } from 'node:crypto';

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

/** The store contract's own: a typed rejection expected, and a bound on waiting. */
export { rejection, within } from '@providers/store/testing';
