import type Database from 'better-sqlite3';
import {
  CatchUpEventStore,
  StoreFailure,
  WrongExpectedRevision,
  encodeAppend,
  parseStoredJson,
  type AppendResult,
  type EncodedEvent,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@providers/store';
import { prefixUpperBound } from './prefix-bound.js';
import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';

/** The largest position SQLite can store: "no upper bound". */
const lastPossiblePosition = 2n ** 63n - 1n;

/** A row of the events table, in the column order of `eventColumns`. */
type EventRow = [position: bigint, stream: string, revision: bigint, eventId: string, type: string, data: string, metadata: string];
const eventColumns = 'position, stream, revision, event_id, type, data, metadata';

/**
 * The embedded default event store: one SQLite file in WAL mode. Each append
 * is one `BEGIN IMMEDIATE` transaction that checks the expected revision under
 * the write lock, so several processes can append to the same file; the
 * UNIQUE (stream, revision) constraint is the last guard. better-sqlite3 is
 * synchronous: a call blocks this process's event loop while SQLite works,
 * at most `busyTimeoutMs` when another process holds the lock.
 */
export class SqliteEventStore extends CatchUpEventStore {
  readonly #connection: SqliteConnection;
  readonly #db: Database.Database;
  readonly #filteredReads = new Map<string, Database.Statement>();
  readonly #currentRevision: Database.Statement<[string]>;
  readonly #insert: Database.Statement<[string, bigint, string, string, string, string]>;
  readonly #findEventId: Database.Statement<[string]>;
  readonly #readStream: Database.Statement<[string, bigint, number]>;
  readonly #readAll: Database.Statement<[bigint, bigint, number]>;
  readonly #head: Database.Statement<[]>;
  readonly #truncate: Database.Statement<[string, bigint, string]>;
  readonly #appendTransaction: Database.Transaction<(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision) => AppendResult>;

  /** Opens (and creates, with its directory) the store file at `path`. */
  static open(path: string, options: SqliteOpenOptions = {}): SqliteEventStore {
    return new SqliteEventStore(SqliteConnection.open(path, options));
  }

  /** A store on a connection that other stores may share (see `openSqliteStores`). */
  constructor(connection: SqliteConnection) {
    super();
    this.#connection = connection;
    const db = (this.#db = connection.db);
    const rows = <P extends unknown[]>(sql: string) => db.prepare<P>(sql).raw(true).safeIntegers(true);
    this.#currentRevision = db.prepare<[string]>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck().safeIntegers(true);
    this.#insert = db
      .prepare<[string, bigint, string, string, string, string]>('INSERT INTO events (stream, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
      .safeIntegers(true);
    this.#findEventId = db.prepare<[string]>('SELECT 1 FROM events WHERE event_id = ?').pluck();
    this.#readStream = rows(`SELECT ${eventColumns} FROM events WHERE stream = ? AND revision > ? ORDER BY revision LIMIT ?`);
    this.#readAll = rows(`SELECT ${eventColumns} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`);
    this.#head = db.prepare<[]>('SELECT coalesce(max(position), 0) FROM events').pluck().safeIntegers(true);
    // One statement, so the last event is found and spared under the same write lock that deletes.
    this.#truncate = db
      .prepare<[string, bigint, string]>('DELETE FROM events WHERE stream = ? AND revision < min(?, (SELECT max(revision) FROM events WHERE stream = ?))')
      .safeIntegers(true);
    this.#appendTransaction = db.transaction((stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): AppendResult => {
      const current = (this.#currentRevision.get(stream) as bigint | undefined) ?? 0n;
      if (expected !== 'any' && expected !== current) throw new WrongExpectedRevision(stream, expected, current);
      let position = 0n;
      events.forEach((event, index) => {
        position = this.#insert.run(stream, current + BigInt(index + 1), event.eventId, event.type, event.data, event.metadata).lastInsertRowid as bigint;
      });
      return { revision: current + BigInt(events.length), position };
    });
    // Last, so that a constructor that failed holds no share of the connection.
    connection.retain();
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen(`append to ${stream}`);
    // The JSON is serialised before the write lock is taken.
    const prepared = encodeAppend(stream, events);
    const result = this.#connection.run(`append to ${stream}`, () => {
      try {
        return this.#appendTransaction.immediate(stream, prepared, expectedRevision);
      } catch (error) {
        throw this.#explainConflict(error, stream, prepared, expectedRevision);
      }
    });
    this.#connection.changes.notify();
    return result;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen(`read ${stream}`);
    let after = options.after ?? 0n;
    const limit = this.#connection.pageSize;
    for (;;) {
      const rows = this.#rows(`read ${stream}`, this.#readStream, [stream, after, limit]);
      if (rows.length === 0) return;
      const page = rows.map(toRecordedEvent);
      after = page[page.length - 1]!.revision;
      yield page;
      if (rows.length < limit) return;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen('read all events');
    const read = this.#readAllStatement(options.filter);
    if (!read) return;
    let after = options.after ?? 0n;
    const upTo = options.upTo === undefined || options.upTo > lastPossiblePosition ? lastPossiblePosition : options.upTo;
    const limit = this.#connection.pageSize;
    for (;;) {
      const rows = this.#rows('read all events', read.statement, [after, upTo, ...read.parameters, limit]);
      if (rows.length === 0) return;
      const page = rows.map(toRecordedEvent);
      after = page[page.length - 1]!.position;
      yield page;
      if (rows.length < limit) return;
    }
  }

  protected changesToFollow() {
    return this.#connection;
  }

  protected truncate(stream: string, revision: bigint): void {
    this.#connection.run(`truncate ${stream}`, () => this.#truncate.run(stream, revision, stream));
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen('read the head position');
    return this.#connection.run('read the head position', () => this.#head.get() as bigint);
  }

  protected closedMessage(action: string): string {
    return `the event store at ${this.#connection.path} is closed: cannot ${action}`;
  }

  protected release(): void {
    this.#connection.release();
  }

  #rows(action: string, statement: Database.Statement, parameters: unknown[]): EventRow[] {
    return this.#connection.run(action, () => statement.all(...parameters) as EventRow[]);
  }

  /** The statement for a filter (prepared once per shape), or nothing when the filter matches nothing. */
  #readAllStatement(filter: ReadAllFilter | undefined): { statement: Database.Statement; parameters: string[] } | undefined {
    const prefixes = filter?.streamPrefixes;
    const types = filter?.eventTypes;
    if (prefixes === undefined && types === undefined) return { statement: this.#readAll, parameters: [] };
    if (prefixes?.length === 0 || types?.length === 0) return undefined;
    const shape = `${prefixes?.length ?? 0}:${types?.length ?? 0}`;
    let statement = this.#filteredReads.get(shape);
    if (!statement) {
      const conditions = ['position > ?', 'position <= ?'];
      // "Starts with p" as a range, p <= stream < p with its last character
      // raised by one: two byte comparisons per row instead of a substring.
      if (prefixes) conditions.push(`(${prefixes.map(() => '(stream >= ? AND stream < ?)').join(' OR ')})`);
      if (types) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      statement = this.#db
        .prepare(`SELECT ${eventColumns} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`)
        .raw(true)
        .safeIntegers(true);
      this.#filteredReads.set(shape, statement);
    }
    return { statement, parameters: [...(prefixes ?? []).flatMap((prefix) => [prefix, prefixUpperBound(prefix)]), ...(types ?? [])] };
  }

  /**
   * Names what a failed append collided with. A UNIQUE (stream, revision)
   * violation means another writer got there first despite the check: the
   * same outcome as a stale expected revision.
   */
  #explainConflict(error: unknown, stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): unknown {
    const message = error instanceof Error ? error.message : '';
    if ((error as { code?: unknown })?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
    if (message.includes('events.stream')) {
      const actual = (this.#currentRevision.get(stream) as bigint | undefined) ?? 0n;
      return new WrongExpectedRevision(stream, expected, actual);
    }
    if (message.includes('events.event_id')) {
      const taken = events.find((event) => this.#findEventId.get(event.eventId) !== undefined);
      return new StoreFailure(`cannot append to ${stream}: event id ${taken?.eventId ?? '(one of the batch)'} is already in the store`, { cause: error });
    }
    return error;
  }
}

const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const [position, stream, revision, eventId, type, data, metadata] = row;
  const at = { position, stream, revision };
  return { eventId, type, data: parseStoredJson(data, 'data', at), metadata: parseStoredJson(metadata, 'metadata', at), stream, revision, position };
};
