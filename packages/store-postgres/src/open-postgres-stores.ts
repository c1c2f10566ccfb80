import { storeSet, type StoreSet } from '@providers/store';
import { PostgresDatabase } from './postgres-database.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { PostgresKeyStore } from './postgres-key-store.js';
import { PostgresSnapshotStore } from './postgres-snapshot-store.js';
import type { PostgresOpenOptions } from './postgres-location.js';

/** The event, key and snapshot stores of one PostgreSQL schema, on one connection pool (closed with the last). */
export type PostgresStores = StoreSet<PostgresEventStore, PostgresKeyStore, PostgresSnapshotStore>;

/** Connects to `url` (`postgres://…` or `postgresql://…`), creating or migrating the schema on first use. */
export const openPostgresStores = async (url: string, options: PostgresOpenOptions = {}): Promise<PostgresStores> => {
  const db = await PostgresDatabase.open(url, options);
  return storeSet(new PostgresEventStore(db), new PostgresKeyStore(db), new PostgresSnapshotStore(db));
};
