import { parseStoredJson, type RecordedEvent } from '@providers/store';

/** A row of the events table as read: bigints come as text, JSON as its text. */
export type EventRow = [position: string, stream: string, revision: string, eventId: string, type: string, data: string, metadata: string];

/** The largest position PostgreSQL's bigint holds: "no upper bound". */
export const LAST_POSSIBLE_POSITION = 2n ** 63n - 1n;

/** The event a row holds; unreadable JSON is reported with its position, never with the stored text. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const [position, stream, revision, eventId, type, data, metadata] = row;
  const at = { position, stream, revision };
  return { eventId, type, data: parseStoredJson(data, 'data', at), metadata: parseStoredJson(metadata, 'metadata', at), stream, revision: BigInt(revision), position: BigInt(position) };
};

/**
 * The pages of a read: `fetch(after)` gives the rows after a key, and a
 * full page means there may be more. The next page is asked for before the
 * current one is handed over, so that the server and the network work while
 * the caller folds (a replay then takes about the longer of the two, not
 * their sum). A caller that stops early leaves one page unread, never a
 * failure unheard.
 */
export async function* prefetchedPages(
  fetch: (after: bigint) => Promise<EventRow[]>,
  first: bigint,
  limit: number,
  keyOf: (event: RecordedEvent) => bigint,
): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
  let pending = fetch(first);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const page = rows.map(toRecordedEvent);
    const full = rows.length === limit;
    if (full) {
      pending = fetch(keyOf(page[page.length - 1]!));
      pending.catch(() => undefined);
    }
    yield page;
    if (!full) return;
  }
}
