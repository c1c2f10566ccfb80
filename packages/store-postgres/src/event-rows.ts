import { StoreFailure, type Json, type ReadAllFilter, type RecordedEvent } from '@providers/store';

/** A row of the events table as read: bigints come as text, JSON as its text. */
export type EventRow = [position: string, stream: string, revision: string, eventId: string, type: string, data: string, metadata: string];

/** The columns of `EventRow`, in order. */
export const EVENT_COLUMNS = 'position, stream, revision, event_id, type, data::text, metadata::text';

/** The largest position PostgreSQL's bigint holds: "no upper bound". */
export const LAST_POSSIBLE_POSITION = 2n ** 63n - 1n;

/** The event a row holds; unreadable JSON is reported with its position, never with the stored text. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const [position, stream, revision, eventId, type, data, metadata] = row;
  return {
    eventId,
    type,
    data: parseColumn(data, row, 'data'),
    metadata: parseColumn(metadata, row, 'metadata'),
    stream,
    revision: BigInt(revision),
    position: BigInt(position),
  };
};

const parseColumn = (text: string, row: EventRow, column: 'data' | 'metadata'): Json => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // The parser's message quotes the text, which may hold sealed secrets: leave it out.
    throw new StoreFailure(`the event at position ${row[0]} (stream ${row[1]}, revision ${row[2]}) has ${column} that is not valid JSON`);
  }
};

/** The WHERE conditions and their values for a `readAll` filter from parameter `$first` on, or nothing when it matches nothing. */
export const filterSql = (filter: ReadAllFilter | undefined, first: number): { sql: string; values: unknown[] } | undefined => {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (prefixes?.length === 0 || types?.length === 0) return undefined;
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (prefixes) {
    conditions.push(`(${prefixes.map((_, i) => `starts_with(stream, $${first + i})`).join(' OR ')})`);
    values.push(...prefixes);
  }
  if (types) {
    conditions.push(`type = ANY($${first + values.length}::text[])`);
    values.push([...types]);
  }
  return { sql: conditions.map((condition) => ` AND ${condition}`).join(''), values };
};
