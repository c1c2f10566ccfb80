// The store port's contract suites against a real PostgreSQL server that this file starts:
// every test gets a schema of its own on one database.
import { eventStoreContract, keyStoreContract, snapshotStoreContract } from '@providers/store/testing';
import { PostgresEventStore, PostgresKeyStore, PostgresSnapshotStore, openPostgresStores } from '@providers/store-postgres';
import { postgresTestGate } from '@providers/store-postgres/testing';

const { server } = await postgresTestGate('PostgreSQL store contracts');
if (server) {
  const url = await server.createDatabase('contract');
  let schemas = 0;
  const newSchema = () => `contract_${++schemas}`;

  const openEvents = async (schema = newSchema(), pageSize?: number) => {
    const store = await PostgresEventStore.open(url, { schema, ...(pageSize === undefined ? {} : { pageSize }) });
    return { store, schema, close: () => store.close() };
  };
  eventStoreContract('PostgresEventStore', () => openEvents(), { reopen: (closed) => openEvents(closed.schema) });

  // A small page size runs the paging paths on small data sets as well.
  eventStoreContract('PostgresEventStore with pages of 7', () => openEvents(newSchema(), 7));

  // Only polling: what a subscription falls back to where LISTEN is not available.
  eventStoreContract('PostgresEventStore without LISTEN, polling every 20 ms', async () => {
    const store = await PostgresEventStore.open(url, { schema: newSchema(), listen: false, pollIntervalMs: 20 });
    return { store, close: () => store.close() };
  });

  const openKeys = async (schema = newSchema()) => {
    const store = await PostgresKeyStore.open(url, { schema });
    return { store, schema, close: () => store.close() };
  };
  keyStoreContract('PostgresKeyStore', () => openKeys(), { reopen: (closed) => openKeys(closed.schema) });

  // Events and keys on one pool: the key store must work while the event store is open.
  keyStoreContract('openPostgresStores().keys', async () => {
    const stores = await openPostgresStores(url, { schema: newSchema() });
    return { store: stores.keys, close: () => stores.close() };
  });

  const openSnapshots = async (schema = newSchema()) => {
    const store = await PostgresSnapshotStore.open(url, { schema });
    return { store, schema, close: () => store.close() };
  };
  snapshotStoreContract('PostgresSnapshotStore', () => openSnapshots(), { reopen: (closed) => openSnapshots(closed.schema) });

  snapshotStoreContract('openPostgresStores().snapshots', async () => {
    const stores = await openPostgresStores(url, { schema: newSchema() });
    return { store: stores.snapshots, close: () => stores.close() };
  });
}
