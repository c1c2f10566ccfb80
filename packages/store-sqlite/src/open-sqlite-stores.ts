import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { SqliteSnapshotStore } from './sqlite-snapshot-store.js';

/** The event, key and snapshot stores of one SQLite file, on one shared connection. */
export interface SqliteStores {
  readonly events: SqliteEventStore;
  readonly keys: SqliteKeyStore;
  readonly snapshots: SqliteSnapshotStore;
  /** Closes the stores (and so the connection). */
  close(): Promise<void>;
}

/** Opens (and creates, with its directory) the store file at `path`, for events, keys and snapshots. */
export const openSqliteStores = (path: string, options: SqliteOpenOptions = {}): SqliteStores => {
  const connection = SqliteConnection.open(path, options);
  const events = new SqliteEventStore(connection);
  const keys = new SqliteKeyStore(connection);
  const snapshots = new SqliteSnapshotStore(connection);
  return {
    events,
    keys,
    snapshots,
    close: async () => {
      await events.close();
      await keys.close();
      await snapshots.close();
    },
  };
};
