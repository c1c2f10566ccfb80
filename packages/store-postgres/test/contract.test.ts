// The store port's contract suites against a real PostgreSQL server that this file starts:
// every test gets a schema of its own on one database.
import { adapterContracts, eventStoreContract } from '@providers/store/testing';
import { PostgresEventStore, PostgresKeyStore, PostgresSnapshotStore, openPostgresStores } from '@providers/store-postgres';
import { postgresTestGate } from '@providers/store-postgres/testing';

const { server } = await postgresTestGate('PostgreSQL store contracts');
if (server) {
  const url = await server.createDatabase('contract');
  let schemas = 0;

  adapterContracts({
    name: (kind) => `Postgres${kind}`,
    fresh: () => `contract_${++schemas}`,
    reopened: (schema) => schema,
    events: (schema, options) => PostgresEventStore.open(url, { schema, ...options }),
    keys: (schema) => PostgresKeyStore.open(url, { schema }),
    snapshots: (schema) => PostgresSnapshotStore.open(url, { schema }),
    smallPages: 7,
    // Events, keys and snapshots on one pool.
    together: { name: 'openPostgresStores()', open: (schema) => openPostgresStores(url, { schema }) },
  });

  // Only polling: what a subscription falls back to where LISTEN is not available.
  eventStoreContract('PostgresEventStore without LISTEN, polling every 20 ms', async () => {
    const store = await PostgresEventStore.open(url, { schema: `contract_${++schemas}`, listen: false, pollIntervalMs: 20 });
    return { store, close: () => store.close() };
  });
}
