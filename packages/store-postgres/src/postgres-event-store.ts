import {
  CatchUpEventStore,
  StoreFailure,
  WrongExpectedRevision,
  encodeAppend,
  type AppendResult,
  type EncodedEvent,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@providers/store';
import { LAST_POSSIBLE_POSITION, prefetchedPages, type EventRow } from './event-rows.js';
import { PostgresDatabase } from './postgres-database.js';
import type { PostgresOpenOptions } from './postgres-location.js';

type AppendRow = [outcome: 'appended' | 'retried' | 'wrong-revision' | 'id-taken', revision: string | null, position: string | null, takenId: string | null];

/**
 * The event store in a PostgreSQL schema. Appends run one at a time under a
 * transaction-level advisory lock, inside one function call (one round trip),
 * so that positions are committed in the order they are drawn: a reader never
 * sees position p before every earlier position is visible, and a live
 * subscription can follow `max(position)` without skipping an event. A retry
 * of a committed batch (the same event ids, in order, at the same expected
 * revision) succeeds again with the first result, which makes retrying over
 * a lost connection safe. Live subscriptions wake on LISTEN/NOTIFY and poll
 * as the fallback.
 */
export class PostgresEventStore extends CatchUpEventStore {
  readonly #db: PostgresDatabase;

  /** Connects to `url` (`postgres://…`), creating or migrating the schema on first use. */
  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresEventStore> {
    return new PostgresEventStore(await PostgresDatabase.open(url, options));
  }

  /** A store on a database that other stores may share (see `openPostgresStores`). */
  constructor(db: PostgresDatabase) {
    super();
    this.#db = db.retain();
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const action = `append to ${stream}`;
    this.assertOpen(action);
    const encoded = encodeAppend(stream, events);
    const column = (name: keyof EncodedEvent) => encoded.map((event) => event[name]);
    const expected = expectedRevision === 'any' ? null : expectedRevision.toString();
    let rows: AppendRow[];
    try {
      rows = await this.#db.rows<AppendRow>(
        action,
        `SELECT outcome, stream_revision, last_position, taken_id FROM ${this.#db.schema}.append_events($1, $2, $3, $4, $5, $6)`,
        [stream, expected, column('eventId'), column('type'), column('data'), column('metadata')],
      );
    } catch (error) {
      throw await this.#explainConflict(error, stream, expectedRevision);
    }
    const [outcome, revision, position, takenId] = rows[0]!;
    if (outcome === 'wrong-revision') throw new WrongExpectedRevision(stream, expectedRevision, BigInt(revision!));
    if (outcome === 'id-taken') throw new StoreFailure(`cannot append to ${stream}: event id ${takenId} is already in the store`);
    this.#db.changes.notify();
    return { revision: BigInt(revision!), position: BigInt(position!) };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const action = `read ${stream}`;
    this.assertOpen(action);
    const limit = this.#db.pageSize;
    const sql = `SELECT * FROM ${this.#db.schema}.read_stream($1, $2, $3)`;
    const fetch = (after: bigint) => this.#db.rows<EventRow>(action, sql, [stream, after.toString(), limit]);
    return prefetchedPages(fetch, options.after ?? 0n, limit, (event) => event.revision);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const action = 'read all events';
    this.assertOpen(action);
    const prefixes = options.filter?.streamPrefixes;
    const types = options.filter?.eventTypes;
    if (prefixes?.length === 0 || types?.length === 0) return nothing();
    const upTo = options.upTo === undefined || options.upTo > LAST_POSSIBLE_POSITION ? LAST_POSSIBLE_POSITION : options.upTo;
    const limit = this.#db.pageSize;
    const sql = `SELECT * FROM ${this.#db.schema}.read_all($1, $2, $3, $4, $5)`;
    const filter = [prefixes ? [...prefixes] : null, types ? [...types] : null];
    const fetch = (after: bigint) => this.#db.rows<EventRow>(action, sql, [after.toString(), upTo.toString(), limit, ...filter]);
    return prefetchedPages(fetch, options.after ?? 0n, limit, (event) => event.position);
  }

  /** A subscription starting makes the database LISTEN (once) for other writers' appends. */
  protected changesToFollow() {
    this.#db.listen();
    return this.#db;
  }

  protected async truncate(stream: string, revision: bigint): Promise<void> {
    // One statement: the last event is found and spared in the snapshot that deletes. Appends
    // only add revisions above it, so they need not wait for the append lock to be free.
    await this.#db.rows(
      `truncate ${stream}`,
      `DELETE FROM ${this.#db.schema}.events WHERE stream = $1 AND revision < least($2::bigint, (SELECT max(revision) FROM ${this.#db.schema}.events WHERE stream = $1))`,
      [stream, revision.toString()],
    );
  }

  async headPosition(): Promise<bigint> {
    const action = 'read the head position';
    this.assertOpen(action);
    const rows = await this.#db.rows<[string]>(action, `SELECT coalesce(max(position), 0) FROM ${this.#db.schema}.events`);
    return BigInt(rows[0]![0]);
  }

  protected closedMessage(action: string): string {
    return `the PostgreSQL event store at ${this.#db.location.display} is closed: cannot ${action}`;
  }

  protected release(): Promise<void> {
    return this.#db.release();
  }

  /**
   * The unique constraints are the last guard, met only where the append lock
   * did not serialise the check (a session whose default isolation is
   * REPEATABLE READ sees a snapshot from before it took the lock): another
   * writer got there first, the same outcome as a stale expected revision.
   */
  async #explainConflict(error: unknown, stream: string, expected: ExpectedRevision): Promise<unknown> {
    const cause = (error as { cause?: { code?: unknown; constraint?: unknown } })?.cause;
    if (cause?.code !== '23505') return error;
    if (cause.constraint === 'events_stream_revision_key') {
      const rows = await this.#db.rows<[string]>(`read the revision of ${stream}`, `SELECT coalesce(max(revision), 0) FROM ${this.#db.schema}.events WHERE stream = $1`, [stream]);
      return new WrongExpectedRevision(stream, expected, BigInt(rows[0]![0]));
    }
    return new StoreFailure(`cannot append to ${stream}: one of the batch's event ids is already in the store`, { cause });
  }
}

/** A read that matches nothing (an empty filter list). */
async function* nothing(): AsyncGenerator<readonly RecordedEvent[], void, undefined> {}
