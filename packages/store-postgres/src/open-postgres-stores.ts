import { PostgresDatabase } from './postgres-database.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { PostgresKeyStore } from './postgres-key-store.js';
import { PostgresSnapshotStore } from './postgres-snapshot-store.js';
import type { PostgresOpenOptions } from './postgres-location.js';

/** The event, key and snapshot stores of one PostgreSQL schema, on one connection pool. */
export interface PostgresStores {
  readonly events: PostgresEventStore;
  readonly keys: PostgresKeyStore;
  readonly snapshots: PostgresSnapshotStore;
  /** Closes the stores (and so the pool). */
  close(): Promise<void>;
}

/** Connects to `url` (`postgres://…` or `postgresql://…`), creating or migrating the schema on first use. */
export const openPostgresStores = async (url: string, options: PostgresOpenOptions = {}): Promise<PostgresStores> => {
  const db = await PostgresDatabase.open(url, options);
  const events = new PostgresEventStore(db);
  const keys = new PostgresKeyStore(db);
  const snapshots = new PostgresSnapshotStore(db);
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
