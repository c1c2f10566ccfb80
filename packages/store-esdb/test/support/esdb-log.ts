/**
 * The storage of the test server: one transaction log, as EventStoreDB keeps
 * it since v20 (every event its own record, commit position = prepare
 * position = the record's log position), and the stream rules the server
 * enforces on it: expected versions, idempotent retries, soft deletes
 * (a `$tb` in the `$$stream` metadata) and tombstones (a `$streamDeleted`
 * record at revision long.MaxValue).
 */
import { randomUUID } from 'node:crypto';

/** One record of the log. Revisions are EventStoreDB's: 0-based. */
export interface LogRecord {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

/** An event a client proposes to append. */
export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** What the writer expects of the stream, as the wire says it. */
export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** The outcome of a write (append, delete or tombstone). */
export type WriteOutcome =
  | { readonly kind: 'success'; readonly lastRevision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined }
  | { readonly kind: 'stream-deleted' };

/** The outcome of reading one stream. */
export type StreamReadOutcome =
  | { readonly kind: 'events'; readonly records: readonly LogRecord[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'deleted' };

/** Where a read starts: an end of the stream or log, or an event number (streams) or position (`$all`). */
export type ReadFrom = 'start' | 'end' | bigint;
/** Which way a read goes. */
export type Direction = 'forwards' | 'backwards';

/** The event number the server gives a tombstone (long.MaxValue). */
export const TOMBSTONE_REVISION = 9223372036854775807n;

interface StreamState {
  readonly records: LogRecord[];
  truncateBefore: bigint;
  tombstoned: boolean;
}

/** Called with every record the log commits, in order. */
export type LogListener = (record: LogRecord) => void;

/** The in-memory transaction log of the test server. */
export class EsdbLog {
  readonly #records: LogRecord[] = [];
  readonly #streams = new Map<string, StreamState>();
  readonly #listeners = new Set<LogListener>();
  // Real positions are byte offsets: strictly increasing, never dense, and not 0 for the first record.
  #nextPosition = 1536n;

  /** Appends `events` to `stream` if the stream is as `expected`; a retry of a committed write succeeds again. */
  append(stream: string, expected: ExpectedVersion, events: readonly ProposedEvent[]): WriteOutcome {
    const state = this.#streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const last = lastRevision(state);
    const retried = state && events.length > 0 ? this.#idempotentRetry(state, expected, events) : undefined;
    if (retried) return retried;
    if (!accepts(state, expected)) return { kind: 'wrong-expected-version', current: exists(state) ? last : undefined };
    if (events.length === 0) {
      return { kind: 'success', lastRevision: exists(state) ? last : undefined, position: undefined };
    }
    let revision = last;
    let record: LogRecord | undefined;
    for (const event of events) {
      revision += 1n;
      record = this.#commit(stream, revision, event);
    }
    return { kind: 'success', lastRevision: revision, position: record!.position };
  }

  /** Soft delete: the stream reads as not found until it is written again, its numbering goes on. */
  softDelete(stream: string, expected: ExpectedVersion): WriteOutcome {
    const state = this.#streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const last = lastRevision(state);
    if (!accepts(state, expected)) return { kind: 'wrong-expected-version', current: exists(state) ? last : undefined };
    const truncateBefore = last + 1n;
    const metadataStream = `$$${stream}`;
    const metadata = this.#streams.get(metadataStream);
    const record = this.#commit(metadataStream, lastRevision(metadata) + 1n, {
      eventId: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: new TextEncoder().encode(JSON.stringify({ $tb: Number(truncateBefore) })),
      customMetadata: new Uint8Array(),
    });
    this.#state(stream).truncateBefore = truncateBefore;
    return { kind: 'success', lastRevision: undefined, position: record.position };
  }

  /** Hard delete: a `$streamDeleted` record; the stream can never be read or written again. */
  tombstone(stream: string, expected: ExpectedVersion): WriteOutcome {
    const state = this.#streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const last = lastRevision(state);
    if (!accepts(state, expected)) return { kind: 'wrong-expected-version', current: exists(state) ? last : undefined };
    const record = this.#commit(stream, TOMBSTONE_REVISION, {
      eventId: randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    });
    this.#state(stream).tombstoned = true;
    return { kind: 'success', lastRevision: undefined, position: record.position };
  }

  /** Up to `count` events of one stream from `from` (inclusive) in `direction`. */
  readStream(stream: string, from: ReadFrom, direction: Direction, count: bigint): StreamReadOutcome {
    const state = this.#streams.get(stream);
    if (state?.tombstoned) return { kind: 'deleted' };
    if (!state || !exists(state)) return { kind: 'not-found' };
    const visible = state.records.filter((record) => record.revision >= state.truncateBefore);
    const selected =
      direction === 'forwards'
        ? visible.filter((record) => from === 'start' || (from !== 'end' && record.revision >= from))
        : visible.filter((record) => from === 'end' || (from !== 'start' && record.revision <= from)).reverse();
    return { kind: 'events', records: take(selected, count) };
  }

  /**
   * Up to `count` records of `$all`. Forwards from a position includes the
   * record at it; backwards from a position starts before it (positions in
   * a backward read are post-positions).
   */
  readAll(from: ReadFrom, direction: Direction, count: bigint, matches: (record: LogRecord) => boolean = () => true): LogRecord[] {
    const selected =
      direction === 'forwards'
        ? this.#records.filter((record) => from === 'start' || (from !== 'end' && record.position >= from))
        : this.#records.filter((record) => from === 'end' || (from !== 'start' && record.position < from)).reverse();
    return take(selected.filter(matches), count);
  }

  /** Every record after `position` (exclusive), or all of them for `'start'`. */
  recordsAfter(position: 'start' | bigint): readonly LogRecord[] {
    return position === 'start' ? [...this.#records] : this.#records.filter((record) => record.position > position);
  }

  /** The position of the last record, if any. */
  get lastPosition(): bigint | undefined {
    return this.#records.at(-1)?.position;
  }

  /** Calls `listener` with every record committed from now on; returns the unsubscribe. */
  listen(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #idempotentRetry(state: StreamState, expected: ExpectedVersion, events: readonly ProposedEvent[]): WriteOutcome | undefined {
    const last = lastRevision(state);
    let startAt: bigint | undefined;
    if (expected.kind === 'revision' && expected.revision < last) startAt = expected.revision + 1n;
    else if (expected.kind === 'no_stream' && last >= 0n) startAt = 0n;
    else if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      startAt = state.records.find((record) => record.eventId === events[0]!.eventId)?.revision;
    }
    if (startAt === undefined) return undefined;
    const committed = state.records.filter((record) => record.revision >= startAt).slice(0, events.length);
    const same = committed.length === events.length && committed.every((record, index) => record.eventId === events[index]!.eventId);
    if (!same) return undefined;
    const lastCommitted = committed.at(-1)!;
    return { kind: 'success', lastRevision: lastCommitted.revision, position: lastCommitted.position };
  }

  #commit(stream: string, revision: bigint, event: ProposedEvent): LogRecord {
    const record: LogRecord = {
      position: this.#nextPosition,
      stream,
      revision,
      eventId: event.eventId,
      type: event.type,
      contentType: event.contentType,
      data: event.data,
      customMetadata: event.customMetadata,
      created: BigInt(Date.now()) * 10_000n,
    };
    this.#nextPosition += 128n + BigInt(event.data.length + event.customMetadata.length + stream.length + event.type.length);
    // A server reads a stream's truncation mark from the last metadata written for it.
    if (stream.startsWith('$$') && event.type === '$metadata') {
      const tb = (JSON.parse(new TextDecoder().decode(event.data)) as { $tb?: unknown }).$tb;
      if (typeof tb === 'number') this.#state(stream.slice(2)).truncateBefore = BigInt(tb);
    }
    this.#records.push(record);
    this.#state(stream).records.push(record);
    for (const listener of [...this.#listeners]) listener(record);
    return record;
  }

  #state(stream: string): StreamState {
    let state = this.#streams.get(stream);
    if (!state) {
      state = { records: [], truncateBefore: 0n, tombstoned: false };
      this.#streams.set(stream, state);
    }
    return state;
  }
}

const lastRevision = (state: StreamState | undefined): bigint => state?.records.at(-1)?.revision ?? -1n;

const exists = (state: StreamState | undefined): boolean =>
  state !== undefined && !state.tombstoned && lastRevision(state) >= state.truncateBefore;

const accepts = (state: StreamState | undefined, expected: ExpectedVersion): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return !exists(state);
    case 'stream_exists':
      return exists(state);
    case 'revision':
      return exists(state) && lastRevision(state) === expected.revision;
  }
};

const take = <T>(items: readonly T[], count: bigint): T[] => (count >= BigInt(items.length) ? [...items] : items.slice(0, Number(count)));
