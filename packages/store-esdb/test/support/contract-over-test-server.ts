/** The store contracts against the adapters over a fresh test server per test. */
import { adapterContracts } from '@providers/store/testing';
import { EsdbEventStore, EsdbKeyStore, EsdbSnapshotStore, type EsdbStoreOptions } from '../../src/index.js';
import { startTestEsdbServer, type TestEsdbServerOptions } from './test-esdb-server.js';

/** Registers and runs the three contracts over test servers started with `serverOptions`. */
export const contractsOverTestServer = (name: string, serverOptions: TestEsdbServerOptions, storeOptions: EsdbStoreOptions): void =>
  adapterContracts({
    name: (kind) => `Esdb${kind} over the test server (${name})`,
    fresh: () => startTestEsdbServer(serverOptions),
    // The server stops with the store; reopening restarts it over the same log, as a server restarts over its database.
    reopened: (server) => startTestEsdbServer({ ...serverOptions, log: server.log }),
    release: (server) => server.stop(),
    events: (server) => EsdbEventStore.connect(server.connectionString, storeOptions),
    keys: (server) => EsdbKeyStore.connect(server.connectionString, storeOptions),
    snapshots: (server) => EsdbSnapshotStore.connect(server.connectionString, storeOptions),
    refusesDeletedKeyIds: true,
  });
