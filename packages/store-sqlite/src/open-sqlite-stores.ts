import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';

/** The event store and the key store of one SQLite file, on one shared connection. */
export interface SqliteStores {
  readonly events: SqliteEventStore;
  readonly keys: SqliteKeyStore;
  /** Closes both stores (and so the connection). */
  close(): Promise<void>;
}

/** Opens (and creates, with its directory) the store file at `path`, for events and keys. */
export const openSqliteStores = (path: string, options: SqliteOpenOptions = {}): SqliteStores => {
  const connection = SqliteConnection.open(path, options);
  const events = new SqliteEventStore(connection);
  const keys = new SqliteKeyStore(connection);
  return {
    events,
    keys,
    close: async () => {
      await events.close();
      await keys.close();
    },
  };
};
