import type Database from 'better-sqlite3';
import { SNAPSHOTS_KEPT, StoreFailure, StoreUnavailable, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from '@providers/store';
import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';

type InfoRow = [name: string, position: bigint, revision: bigint, eventId: string, eventTime: string, schemaVersion: bigint, foldVersion: bigint];
const infoColumns = 'name, position, revision, event_id, event_time, schema_version, fold_version';

/** The largest position SQLite can store: "no upper bound". */
const lastPossiblePosition = 2n ** 63n - 1n;

/**
 * Snapshots and projection checkpoints in the `snapshots` and `checkpoints`
 * tables of the store file whose log they fold. A save and its pruning are
 * one transaction, so every process sees either the old set or the new one.
 */
export class SqliteSnapshotStore implements SnapshotStore {
  readonly #connection: SqliteConnection;
  readonly #statements: Statements | undefined;
  #closed = false;

  /** Opens (and creates, with its directory) the store file at `path`. */
  static open(path: string, options: SqliteOpenOptions = {}): SqliteSnapshotStore {
    return new SqliteSnapshotStore(SqliteConnection.open(path, options));
  }

  /** A snapshot store on a connection that other stores may share (see `openSqliteStores`). */
  constructor(connection: SqliteConnection) {
    this.#connection = connection;
    // A file of an older schema opened read-only has no snapshot tables: it reads as having no snapshots.
    const hasTables = connection.db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('snapshots', 'checkpoints')").pluck().get() === 2;
    this.#statements = hasTables ? prepare(connection.db) : undefined;
    connection.retain();
  }

  async save(snapshot: Snapshot): Promise<void> {
    const statements = this.#writable(`save the snapshot of ${snapshot.name}`);
    this.#run(`save the snapshot of ${snapshot.name}`, () => statements.save.immediate(snapshot));
  }

  async load(name: string, options: LoadSnapshotOptions = {}): Promise<Snapshot | undefined> {
    const atOrBefore = options.atOrBefore === undefined || options.atOrBefore > lastPossiblePosition ? lastPossiblePosition : options.atOrBefore;
    if (atOrBefore < 0n) return undefined;
    const row = this.#run(`read the snapshot of ${name}`, () => this.#statements?.load.get(name, atOrBefore) as [...InfoRow, string] | undefined);
    return row && { ...toInfo(row), data: row[7] };
  }

  async list(name: string): Promise<readonly SnapshotInfo[]> {
    return this.#run(`list the snapshots of ${name}`, () => ((this.#statements?.list.all(name) as InfoRow[] | undefined) ?? []).map(toInfo));
  }

  async loadCheckpoint(name: string): Promise<bigint | undefined> {
    return this.#run(`read the checkpoint of ${name}`, () => this.#statements?.loadCheckpoint.get(name) as bigint | undefined);
  }

  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    const statements = this.#writable(`save the checkpoint of ${name}`);
    this.#run(`save the checkpoint of ${name}`, () => statements.saveCheckpoint.run(name, position));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.release();
  }

  #writable(action: string): Statements {
    if (!this.#statements) throw new StoreFailure(`the store at ${this.#connection.path} was opened read-only with an older schema: cannot ${action}`);
    return this.#statements;
  }

  #run<T>(action: string, body: () => T): T {
    if (this.#closed) throw new StoreUnavailable(`the snapshot store at ${this.#connection.path} is closed: cannot ${action}`);
    return this.#connection.run(action, body);
  }
}

const toInfo = ([name, position, revision, eventId, eventTime, schemaVersion, foldVersion]: InfoRow | [...InfoRow, string]): SnapshotInfo => ({
  name,
  position,
  revision,
  eventId,
  eventTime,
  schemaVersion: Number(schemaVersion),
  foldVersion: Number(foldVersion),
});

type Statements = ReturnType<typeof prepare>;

const prepare = (db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO snapshots (${infoColumns}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name, position) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id, event_time = excluded.event_time,
       schema_version = excluded.schema_version, fold_version = excluded.fold_version, data = excluded.data`,
  );
  // Keep the newest SNAPSHOTS_KEPT of the name: delete below the position of the last one kept.
  const prune = db.prepare(
    `DELETE FROM snapshots WHERE name = ? AND position < (SELECT position FROM snapshots WHERE name = ? ORDER BY position DESC LIMIT 1 OFFSET ${SNAPSHOTS_KEPT - 1})`,
  );
  return {
    save: db.transaction((s: Snapshot) => {
      insert.run(s.name, s.position, s.revision, s.eventId, s.eventTime, s.schemaVersion, s.foldVersion, s.data);
      prune.run(s.name, s.name);
    }),
    load: db.prepare(`SELECT ${infoColumns}, data FROM snapshots WHERE name = ? AND position <= ? ORDER BY position DESC LIMIT 1`).raw(true).safeIntegers(true),
    list: db.prepare(`SELECT ${infoColumns} FROM snapshots WHERE name = ? ORDER BY position`).raw(true).safeIntegers(true),
    loadCheckpoint: db.prepare('SELECT position FROM checkpoints WHERE name = ?').pluck().safeIntegers(true),
    saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
  };
};
