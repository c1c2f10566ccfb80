/**
 * Truncating a log stream the way EventStoreDB does it: a truncate-before mark (`$tb`) in the
 * stream's metadata. The server stops returning the stream's events below the mark at once and
 * removes them from disk at the next scavenge; until then a read of `$all` still returns them, so
 * the log's reads of `$all` leave out the events of prunable streams that sit below their
 * stream's mark.
 */
import { BACKWARDS, END, NO_STREAM, WrongExpectedVersionError, jsonEvent, type JSONType } from '@eventstore/db-client';
import { isPrunableStream, StoreFailure, type RecordedEvent } from '@providers/store';
import { isStreamNotFound, toStoreError } from './esdb-errors.js';
import type { EsdbReader } from './esdb-reader.js';

// Two prunes of one stream at once: the metadata is written at the revision it was read at, and a
// loser reads again. More than a few rounds means something else keeps writing the metadata.
const METADATA_ATTEMPTS = 5;

interface StreamMetadata {
  readonly data: Readonly<Record<string, unknown>>;
  /** The metadata stream's last revision; `undefined` when the stream has no metadata yet. */
  readonly revision: bigint | undefined;
}

const metastream = (stream: string): string => `$$${stream}`;

const readMetadata = async (reader: EsdbReader, stream: string): Promise<StreamMetadata> => {
  let events;
  try {
    events = await reader.streamPage(metastream(stream), { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
  } catch (error) {
    if (isStreamNotFound(error)) return { data: {}, revision: undefined };
    throw toStoreError(error, `read the metadata of ${stream}`);
  }
  const event = events[0]?.event;
  if (!event) return { data: {}, revision: undefined };
  const data = event.isJson && typeof event.data === 'object' && event.data !== null && !Array.isArray(event.data) ? event.data : {};
  return { data: data as Record<string, unknown>, revision: event.revision };
};

/** The stream's truncate-before mark: EventStoreDB's number of the first event it still returns. */
const markOf = (metadata: StreamMetadata): bigint => {
  const mark = metadata.data['$tb'];
  return typeof mark === 'number' && Number.isSafeInteger(mark) && mark > 0 ? BigInt(mark) : 0n;
};

/** The EventStoreDB number of the stream's last event, `undefined` for a missing stream. */
const lastEventNumber = async (reader: EsdbReader, stream: string): Promise<bigint | undefined> => {
  try {
    const events = await reader.streamPage(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return events[0]?.event?.revision;
  } catch (error) {
    if (isStreamNotFound(error)) return undefined;
    throw toStoreError(error, `read the end of ${stream}`);
  }
};

/**
 * Raises the stream's mark so that port revision `revision` (EventStoreDB number `revision - 1`)
 * is the first one returned, never past the last event and never lower than it was.
 */
export const truncateStream = async (reader: EsdbReader, stream: string, revision: bigint): Promise<void> => {
  const last = await lastEventNumber(reader, stream);
  if (last === undefined) return;
  const cut = revision - 1n < last ? revision - 1n : last;
  for (let attempt = 1; ; attempt++) {
    const metadata = await readMetadata(reader, stream);
    if (cut <= markOf(metadata)) return;
    const event = jsonEvent({ type: '$metadata', data: { ...metadata.data, $tb: Number(cut) } as JSONType });
    try {
      await reader.client.appendToStream(metastream(stream), event, { expectedRevision: metadata.revision ?? NO_STREAM });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw toStoreError(error, `truncate ${stream}`);
      if (attempt === METADATA_ATTEMPTS) throw new StoreFailure(`could not truncate ${stream}: its metadata kept changing under ${attempt} attempts`);
    }
  }
};

/**
 * Drops from pages of `$all` the events that truncation removed from their stream and a scavenge
 * has not yet: marks are read once per prunable stream and kept for the life of the filter, one
 * read of the log or one subscription.
 */
export const truncatedEventsFilter = (reader: EsdbReader): ((page: readonly RecordedEvent[]) => Promise<readonly RecordedEvent[]>) => {
  const marks = new Map<string, Promise<bigint>>();
  const markFor = (stream: string): Promise<bigint> => {
    let mark = marks.get(stream);
    if (!mark) {
      mark = readMetadata(reader, stream).then(markOf);
      marks.set(stream, mark);
    }
    return mark;
  };
  return async (page) => {
    if (!page.some((event) => isPrunableStream(event.stream))) return page;
    const kept: RecordedEvent[] = [];
    // Port revision r is EventStoreDB number r - 1, returned while r - 1 >= mark.
    for (const event of page) if (!isPrunableStream(event.stream) || event.revision > (await markFor(event.stream))) kept.push(event);
    return kept;
  };
};
