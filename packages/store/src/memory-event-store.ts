import { encodeAppend } from './append-input.js';
import { CatchUpEventStore } from './catch-up-event-store.js';
import { ChangeSignal } from './change-signal.js';
import { StoreFailure, WrongExpectedRevision } from './errors.js';
import type {
  AppendResult,
  ExpectedRevision,
  Json,
  NewEvent,
  ReadAllFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from './event-store.js';

/** Options of the in-memory event store. */
export interface MemoryEventStoreOptions {
  /** The most events in one page of a read. Default 1000. */
  readonly pageSize?: number;
}

/**
 * An event store in this process's memory: for tests, examples and
 * short-lived tools. Appends cost O(events); event `position` is dense
 * (1, 2, 3, …). Stored events are deep-frozen copies, so nobody can change
 * the log through an event they appended or read. A truncated event leaves a
 * hole where it was, so that positions and revisions still index the arrays.
 */
export class MemoryEventStore extends CatchUpEventStore {
  readonly #all: (RecordedEvent | undefined)[] = [];
  readonly #streams = new Map<string, (RecordedEvent | undefined)[]>();
  readonly #eventIds = new Set<string>();
  readonly #changes = new ChangeSignal();
  readonly #pageSize: number;

  constructor(options: MemoryEventStoreOptions = {}) {
    super();
    this.#pageSize = Math.max(1, options.pageSize ?? 1000);
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const encoded = encodeAppend(stream, events);
    const existing = this.#streams.get(stream);
    const current = BigInt(existing?.length ?? 0);
    if (expectedRevision !== 'any' && expectedRevision !== current) {
      throw new WrongExpectedRevision(stream, expectedRevision, current);
    }
    // Everything that can fail happens before the first event is stored: all or nothing.
    const firstPosition = this.#all.length + 1;
    const recorded = encoded.map((event, index): RecordedEvent => {
      if (this.#eventIds.has(event.eventId)) {
        throw new StoreFailure(`cannot append to ${stream}: event id ${event.eventId} is already in the store`);
      }
      return Object.freeze({
        eventId: event.eventId,
        type: event.type,
        data: frozenCopy(event.data),
        metadata: frozenCopy(event.metadata),
        stream,
        revision: current + BigInt(index + 1),
        position: BigInt(firstPosition + index),
      });
    });
    const streamEvents = existing ?? [];
    if (!existing) this.#streams.set(stream, streamEvents);
    for (const event of recorded) {
      this.#all.push(event);
      streamEvents.push(event);
      this.#eventIds.add(event.eventId);
    }
    this.#changes.notify();
    const last = recorded[recorded.length - 1]!;
    return { revision: last.revision, position: last.position };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    const events = this.#streams.get(stream);
    if (!events) return;
    // Revision r sits at index r - 1, so reading after r starts at index r.
    let index = indexAfter(options.after);
    while (index < events.length) {
      const slice = events.slice(index, index + this.#pageSize);
      index += slice.length;
      const page = present(slice);
      if (page.length > 0) yield page;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    const all = this.#all;
    const end = () => (options.upTo === undefined ? all.length : Math.min(all.length, indexAfter(options.upTo)));
    const matches = matcher(options.filter);
    let index = indexAfter(options.after);
    while (index < end()) {
      if (!matches) {
        const slice = all.slice(index, Math.min(end(), index + this.#pageSize));
        index += slice.length;
        const page = present(slice);
        if (page.length > 0) yield page;
        continue;
      }
      const page: RecordedEvent[] = [];
      while (index < end() && page.length < this.#pageSize) {
        const event = all[index++];
        if (event !== undefined && matches(event)) page.push(event);
      }
      if (page.length > 0) yield page;
    }
  }

  protected changesToFollow() {
    return { changes: this.#changes };
  }

  protected truncate(stream: string, revision: bigint): void {
    const events = this.#streams.get(stream);
    if (!events) return;
    // Revision r sits at index r - 1; the last event stays.
    const end = Math.min(indexAfter(revision - 1n), events.length - 1);
    for (let index = 0; index < end; index++) {
      const event = events[index];
      if (event === undefined) continue;
      events[index] = undefined;
      this.#all[Number(event.position) - 1] = undefined;
      this.#eventIds.delete(event.eventId);
    }
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return BigInt(this.#all.length);
  }

  protected closedMessage(): string {
    return 'the in-memory event store is closed';
  }

  /** Nothing to let go of: the log goes with the object. */
  protected release(): void {}
}

/** The events of a slice, without the holes that truncation left. */
const present = (slice: readonly (RecordedEvent | undefined)[]): RecordedEvent[] =>
  slice.filter((event): event is RecordedEvent => event !== undefined);

/** Positions and revisions are dense from 1, so "after p" is array index p. */
const indexAfter = (after: bigint | undefined): number => (after === undefined || after < 0n ? 0 : Number(after));

const matcher = (filter: ReadAllFilter | undefined): ((event: RecordedEvent) => boolean) | undefined => {
  if (!filter || (filter.streamPrefixes === undefined && filter.eventTypes === undefined)) return undefined;
  const prefixes = filter.streamPrefixes;
  const types = filter.eventTypes === undefined ? undefined : new Set(filter.eventTypes);
  return (event) =>
    (prefixes === undefined || prefixes.some((prefix) => event.stream.startsWith(prefix))) &&
    (types === undefined || types.has(event.type));
};

/** A private, deep-frozen copy of a value, normalised the way a JSON column would store it. */
const frozenCopy = (jsonText: string): Json => deepFreeze(JSON.parse(jsonText) as Json);

const deepFreeze = (value: Json): Json => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};
