import { storeSet, type StoreSet } from '@providers/store';
import { SqliteConnection, type SqliteOpenOptions } from './sqlite-connection.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { SqliteSnapshotStore } from './sqlite-snapshot-store.js';

/** The event, key and snapshot stores of one SQLite file, on one shared connection (closed with the last). */
export type SqliteStores = StoreSet<SqliteEventStore, SqliteKeyStore, SqliteSnapshotStore>;

/** Opens (and creates, with its directory) the store file at `path`, for events, keys and snapshots. */
export const openSqliteStores = (path: string, options: SqliteOpenOptions = {}): SqliteStores => {
  const connection = SqliteConnection.open(path, options);
  return storeSet(new SqliteEventStore(connection), new SqliteKeyStore(connection), new SqliteSnapshotStore(connection));
};
