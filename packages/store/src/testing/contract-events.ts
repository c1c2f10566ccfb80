// Events and checks the store contract suites share.
import { randomUUID } from 'node:crypto';
import * as assert from 'uvu/assert';
import type { NewEvent } from '../event-store.js';

/** One event of a type. */
export const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: { type }, metadata: { at: 'test' } });
/** `count` events of type Tested. */
export const events = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'Tested', data: { i }, metadata: { n: i } }));
/** The event ids of a list. */
export const ids = (list: readonly NewEvent[]) => list.map((e) => e.eventId);
/** The revisions from..to as bigints. */
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

/** Fails unless the positions strictly increase. */
export const assertIncreasing = (positions: readonly bigint[]) => {
  positions.forEach((position, i) => {
    if (i > 0) assert.ok(position > positions[i - 1]!, `position ${position} does not follow ${positions[i - 1]}`);
  });
};
