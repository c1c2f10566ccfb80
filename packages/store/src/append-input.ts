import { StoreFailure } from './errors.js';
import type { Json, NewEvent } from './event-store.js';

/**
 * Refuses what no adapter can store: an empty batch, a blank stream name,
 * an event without an id or a type, an id twice in one batch. Throws
 * `StoreFailure`; the messages name ids and types, never data.
 */
export const assertAppendable = (stream: string, events: readonly NewEvent[]): void => {
  if (typeof stream !== 'string' || stream.length === 0) throw new StoreFailure('cannot append: the stream name is empty');
  if (!Array.isArray(events) || events.length === 0) throw new StoreFailure(`cannot append to ${stream}: no events given`);
  const ids = new Set<string>();
  events.forEach((event, index) => {
    if (typeof event?.eventId !== 'string' || event.eventId.length === 0) {
      throw new StoreFailure(`cannot append to ${stream}: event #${index + 1} has no eventId`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new StoreFailure(`cannot append to ${stream}: event ${event.eventId} has no type`);
    }
    if (ids.has(event.eventId)) throw new StoreFailure(`cannot append to ${stream}: event id ${event.eventId} appears twice in the batch`);
    ids.add(event.eventId);
  });
};

/**
 * The JSON text of an event's `data` or `metadata`; `StoreFailure` when the
 * value has no JSON form (a bigint, a cycle, `undefined`).
 */
export const toJsonText = (value: Json, stream: string, event: NewEvent, field: 'data' | 'metadata'): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StoreFailure(`cannot append to ${stream}: the ${field} of event ${event.eventId} (${event.type}) is not JSON`, { cause });
  }
  if (text === undefined) {
    throw new StoreFailure(`cannot append to ${stream}: the ${field} of event ${event.eventId} (${event.type}) is not JSON`);
  }
  return text;
};

/** An event ready to write: its `data` and `metadata` as JSON text. */
export interface EncodedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * What every adapter does before it writes a batch: refuse what no adapter
 * can store (`assertAppendable`), then turn each event's `data` and
 * `metadata` into JSON text (`toJsonText`), before any lock is taken.
 */
export const encodeAppend = (stream: string, events: readonly NewEvent[]): EncodedEvent[] => {
  assertAppendable(stream, events);
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: toJsonText(event.data, stream, event, 'data'),
    metadata: toJsonText(event.metadata, stream, event, 'metadata'),
  }));
};

/** Where a stored event is, to name it when its JSON cannot be read. */
export interface StoredAt {
  readonly position: bigint | string;
  readonly stream: string;
  readonly revision: bigint | string;
}

/** A stored `data` or `metadata` column parsed; unreadable JSON is reported with where the event is, never with the stored text. */
export const parseStoredJson = (text: string, column: 'data' | 'metadata', at: StoredAt): Json => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // The parser's message quotes the text, which may hold sealed secrets: leave it out.
    throw new StoreFailure(`the event at position ${at.position} (stream ${at.stream}, revision ${at.revision}) has ${column} that is not valid JSON`);
  }
};
