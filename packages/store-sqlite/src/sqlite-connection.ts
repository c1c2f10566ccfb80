import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ChangeSignal, StoreFailure, StoreUnavailable, isStoreError } from '@providers/store';
import { ensureSchema } from './schema.js';

/** How a SQLite store file is opened. */
export interface SqliteOpenOptions {
  /** How long a write waits for another connection's lock before failing with StoreUnavailable. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Open for reading only: every write fails with StoreFailure. */
  readonly readonly?: boolean;
  /** How often a live subscription looks for events appended by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** The most events in one page of a read. Default 1000. */
  readonly pageSize?: number;
}

/** One change signal per file in this process, so that every store on the file hears of its appends at once. */
const signals = new Map<string, { readonly signal: ChangeSignal; users: number }>();

const takeSignal = (path: string): ChangeSignal => {
  const entry = signals.get(path) ?? { signal: new ChangeSignal(), users: 0 };
  entry.users += 1;
  signals.set(path, entry);
  return entry.signal;
};

const dropSignal = (path: string): void => {
  const entry = signals.get(path);
  if (entry && --entry.users === 0) signals.delete(path);
};

/**
 * One better-sqlite3 connection to a store file, shared by the stores opened
 * on it (closed when the last of them closes), and the translation of
 * SQLite's errors into the store's typed errors.
 */
export class SqliteConnection {
  readonly db: Database.Database;
  readonly path: string;
  readonly busyTimeoutMs: number;
  readonly readonly: boolean;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  /** Signalled after every append to this file from this process. */
  readonly changes: ChangeSignal;
  #users = 0;

  private constructor(db: Database.Database, path: string, options: SqliteOpenOptions) {
    this.db = db;
    this.path = path;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.readonly = options.readonly ?? false;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.pageSize = Math.max(1, options.pageSize ?? 1000);
    this.changes = takeSignal(path);
  }

  /** Opens (creating when writable) the store file at `path` and its directory. */
  static open(path: string, options: SqliteOpenOptions = {}): SqliteConnection {
    const absolute = resolve(path);
    const readonly = options.readonly ?? false;
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (readonly && !existsSync(absolute)) throw new StoreUnavailable(`there is no store at ${absolute} to open read-only`);
    if (!readonly) makeDirectory(dirname(absolute), absolute);
    let db: Database.Database | undefined;
    try {
      db = new Database(absolute, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
      if (!readonly) {
        // WAL lets readers (replays, subscriptions, other processes) run while one writer appends.
        if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
        // In WAL mode NORMAL never corrupts the file and loses nothing when a process crashes;
        // only an OS crash or power cut may undo the last commits. FULL would add an fsync to
        // every append; NORMAL is what SQLite recommends with WAL (it fsyncs at checkpoints).
        db.pragma('synchronous = NORMAL');
        // Zero deleted content in the file, so that a deleted data key leaves no bytes behind
        // in free pages (deleting a key is how sealed secrets are forgotten).
        db.pragma('secure_delete = ON');
      }
      ensureSchema(db, absolute, readonly);
    } catch (error) {
      db?.close();
      throw translate(error, absolute, busyTimeoutMs, readonly, 'open the store');
    }
    return new SqliteConnection(db, absolute, options);
  }

  /** One more store uses this connection. */
  retain(): this {
    this.#users += 1;
    return this;
  }

  /** A store let go of the connection; the last one closes it. */
  release(): void {
    this.#users -= 1;
    if (this.#users > 0 || !this.db.open) return;
    if (!this.readonly) leaveWal(this.db);
    this.db.close();
    dropSignal(this.path);
  }

  /** Runs a database call, turning SQLite's errors into the store's typed errors. */
  run<T>(action: string, body: () => T): T {
    if (!this.db.open) throw new StoreUnavailable(`the store at ${this.path} is closed: cannot ${action}`);
    try {
      return body();
    } catch (error) {
      throw translate(error, this.path, this.busyTimeoutMs, this.readonly, action);
    }
  }
}

/**
 * The last connection of a writer hands the file back in rollback-journal
 * mode: a WAL file can be read only by someone who may create its -shm file
 * beside it, so that another user, or a directory that is not writable,
 * could not read a store at rest. The next writer turns WAL on again. While
 * other connections use the file (a server), the switch is not possible and
 * is skipped at once rather than waited for.
 */
const leaveWal = (db: Database.Database): void => {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // Another connection holds the file in WAL mode: it stays so, and is readable while it is in use.
  }
};

/**
 * Creates a directory and its missing parents. Not `mkdirSync(…, { recursive: true })`:
 * on Node 20 that loops forever where a parent exists but refuses new entries
 * (e.g. under /proc), and opening a store must never hang.
 */
const makeDirectory = (directory: string, path: string): void => {
  const make = (target: string) => {
    try {
      mkdirSync(target);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'EEXIST' ? undefined : { error, code };
    }
  };
  let failed = make(directory);
  const parent = dirname(directory);
  if (failed?.code === 'ENOENT' && parent !== directory) {
    makeDirectory(parent, path);
    failed = make(directory);
  }
  if (failed) {
    throw new StoreUnavailable(`cannot create the directory ${directory} for the store at ${path} (${failed.code ?? 'error'})`, { cause: failed.error });
  }
};

const translate = (error: unknown, path: string, busyTimeoutMs: number, readonly: boolean, action: string): Error => {
  if (isStoreError(error)) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const options = { cause: error };
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) {
    return new StoreUnavailable(
      `the store at ${path} is locked by another process (or connection): gave up after waiting ${busyTimeoutMs} ms to ${action}`,
      options,
    );
  }
  if (code?.startsWith('SQLITE_READONLY')) {
    const why = readonly ? 'it was opened read-only' : 'the file or its directory is not writable';
    return new StoreFailure(`the store at ${path} cannot be written (${why}): cannot ${action}`, options);
  }
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
    return new StoreFailure(`the file at ${path} is not a readable store database (${code}): cannot ${action}`, options);
  }
  if (code?.startsWith('SQLITE_CANTOPEN') || code?.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL' || code === 'SQLITE_PERM') {
    return new StoreUnavailable(`the store at ${path} cannot be used (${code}): cannot ${action}`, options);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreFailure(`the store at ${path} failed to ${action}: ${reason}`, options);
};
