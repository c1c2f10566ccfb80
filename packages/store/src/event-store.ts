/**
 * The event-store port. Revisions and positions are bigint so that no adapter
 * (EventStoreDB positions are 64-bit) loses precision.
 *
 * Revision convention of the port: a stream's revision is the number of events
 * in it. The first event of a stream has revision 1n; an empty or missing
 * stream is at revision 0n. Global positions are strictly increasing across
 * the whole store (not necessarily dense); a position of 0n means "before the
 * first event".
 */

/** JSON-compatible value, as stored in `data` and `metadata`. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** An event about to be appended. `eventId` is a UUID chosen by the writer. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Json;
  readonly metadata: Json;
}

/** An event as read back from the store. */
export interface RecordedEvent extends NewEvent {
  readonly stream: string;
  /** 1-based revision of the event in its stream. */
  readonly revision: bigint;
  /** Global position in the store: strictly increasing in `readAll` order. */
  readonly position: bigint;
}

/**
 * What the writer decided on: the exact revision the stream must be at
 * (0n for a stream that must not exist yet), or `'any'` to skip the check.
 */
export type ExpectedRevision = bigint | 'any';

/** Where an append left its stream and the store. */
export interface AppendResult {
  /** The stream's revision after the append (that of its last event). */
  readonly revision: bigint;
  /** The global position of the last appended event. */
  readonly position: bigint;
}

/** Where `readStream` starts. */
export interface ReadStreamOptions {
  /** Read the events after this revision (exclusive). Default 0n: from the start. */
  readonly after?: bigint;
}

/**
 * Narrows `readAll` and `subscribeAll`. An absent list does not filter; an
 * empty list matches nothing. Both lists given: an event must match both.
 */
export interface ReadAllFilter {
  /** Only streams whose name starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Only these event types. */
  readonly eventTypes?: readonly string[];
}

/** The window and filter of `readAll`. */
export interface ReadAllOptions {
  /** Read the events after this global position (exclusive). Default 0n. */
  readonly after?: bigint;
  /** Stop after this global position (inclusive). Default: the end. */
  readonly upTo?: bigint;
  readonly filter?: ReadAllFilter;
}

/** What a live subscription delivers: pages of events, and a marker once it has caught up. */
export type SubscriptionMessage =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'caught-up'; readonly position: bigint };

/** A live feed of the store's events; iterate it once. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Ends the subscription; the iterator then completes. */
  close(): Promise<void>;
}

/** Where a subscription starts and what it delivers. */
export interface SubscribeAllOptions {
  /** Deliver the events after this global position (exclusive). Default 0n. */
  readonly after?: bigint;
  readonly filter?: ReadAllFilter;
}

/**
 * The port every store adapter implements. Reads yield pages (arrays in
 * order) rather than single events: replaying millions of events one
 * `await` at a time costs more than decoding them.
 */
export interface EventStore {
  /**
   * Appends all events or none. Fails with `WrongExpectedRevision` when the
   * stream is not at `expectedRevision`. `events` must not be empty.
   */
  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** The events of one stream in revision order; nothing for a missing stream. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<readonly RecordedEvent[]>;
  /** Every event of the store in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  /**
   * Catches up from `after`, says so, then delivers new events as they are
   * appended. The caught-up position is at least that of the last event
   * delivered, so it can serve as a checkpoint even when a filter skipped
   * the events after it.
   */
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /**
   * Removes the events of `stream` whose revision is below `revision`: reads of the stream and of
   * the whole store then leave them out, and the events that stay keep their revisions and global
   * positions. The stream's last event always stays, so that the stream keeps its revision and
   * its numbering goes on. A cut at or below an earlier one, or on a missing stream, does
   * nothing. Only streams that `isPrunableStream` names (logs that no decision is made on) can be
   * truncated; any other is refused with `StreamNotPrunable`, and nothing is removed.
   */
  truncateStreamBefore(stream: string, revision: bigint): Promise<void>;
  /** The global position of the last event in the store (0n when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}
