import type Database from 'better-sqlite3';
import { StoreUnavailable, type KeyStore, type StoredKey } from '@providers/store';
import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';

/**
 * Wrapped data keys in the `data_keys` table of a store file. Deleting a key
 * overwrites its bytes in the file (the connection runs with `secure_delete`)
 * and checkpoints the write-ahead log into the file, truncating it, so that
 * the older copies of the page that held the key go too.
 */
export class SqliteKeyStore implements KeyStore {
  readonly #connection: SqliteConnection;
  readonly #get: Database.Statement<[string]>;
  readonly #put: Database.Statement<[string, Buffer, string]>;
  readonly #insertIfAbsent: Database.Statement<[string, Buffer, string]>;
  readonly #putIfAbsent: Database.Transaction<(keyId: string, wrapped: Buffer, masterKeyId: string) => [Buffer, string]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #list: Database.Statement<[]>;
  #closed = false;

  /** Opens (and creates, with its directory) the store file at `path`. */
  static open(path: string, options: SqliteOpenOptions = {}): SqliteKeyStore {
    return new SqliteKeyStore(SqliteConnection.open(path, options));
  }

  /** A key store on a connection that other stores may share (see `openSqliteStores`). */
  constructor(connection: SqliteConnection) {
    this.#connection = connection;
    const db = connection.db;
    this.#get = db.prepare<[string]>('SELECT wrapped, master_key_id FROM data_keys WHERE key_id = ?').raw(true);
    this.#put = db.prepare<[string, Buffer, string]>(
      'INSERT INTO data_keys (key_id, wrapped, master_key_id) VALUES (?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET wrapped = excluded.wrapped, master_key_id = excluded.master_key_id',
    );
    this.#insertIfAbsent = db.prepare<[string, Buffer, string]>(
      'INSERT INTO data_keys (key_id, wrapped, master_key_id) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
    );
    // Insert and read back under one write lock: no other connection can store or delete the key in between.
    this.#putIfAbsent = db.transaction((keyId: string, wrapped: Buffer, masterKeyId: string) => {
      this.#insertIfAbsent.run(keyId, wrapped, masterKeyId);
      return this.#get.get(keyId) as [Buffer, string];
    });
    this.#delete = db.prepare<[string]>('DELETE FROM data_keys WHERE key_id = ?');
    this.#list = db.prepare<[]>('SELECT key_id FROM data_keys ORDER BY key_id').pluck();
    connection.retain();
  }

  async get(keyId: string): Promise<StoredKey | undefined> {
    const row = this.#run(`read key ${keyId}`, () => this.#get.get(keyId) as [Buffer, string] | undefined);
    // A copy that owns its memory: a Buffer may be a view into a shared pool.
    return row && { wrapped: new Uint8Array(row[0]), masterKeyId: row[1] };
  }

  async put(keyId: string, key: StoredKey): Promise<void> {
    const bytes = Buffer.from(key.wrapped.buffer, key.wrapped.byteOffset, key.wrapped.byteLength);
    this.#run(`store key ${keyId}`, () => this.#put.run(keyId, bytes, key.masterKeyId));
  }

  async putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey> {
    const bytes = Buffer.from(key.wrapped.buffer, key.wrapped.byteOffset, key.wrapped.byteLength);
    const row = this.#run(`store key ${keyId}`, () => this.#putIfAbsent.immediate(keyId, bytes, key.masterKeyId));
    return { wrapped: new Uint8Array(row[0]), masterKeyId: row[1] };
  }

  async delete(keyId: string): Promise<void> {
    this.#run(`delete key ${keyId}`, () => {
      if (this.#delete.run(keyId).changes === 0) return;
      // The WAL still holds the pages written when the key was stored: copy the zeroed
      // pages into the file and empty the WAL. If a reader elsewhere pins an old
      // snapshot, the checkpoint stops short and the WAL is overwritten later instead.
      this.#connection.db.pragma('wal_checkpoint(TRUNCATE)');
    });
  }

  async list(): Promise<readonly string[]> {
    return this.#run('list keys', () => this.#list.all() as string[]);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.release();
  }

  #run<T>(action: string, body: () => T): T {
    if (this.#closed) throw new StoreUnavailable(`the key store at ${this.#connection.path} is closed: cannot ${action}`);
    return this.#connection.run(action, body);
  }
}
