/** The store contracts against the adapters over a fresh test server per test. */
import { eventStoreContract, keyStoreContract, snapshotStoreContract } from '@providers/store/testing';
import { EsdbEventStore, EsdbKeyStore, EsdbSnapshotStore, type EsdbStoreOptions } from '../../src/index.js';
import { startTestEsdbServer, type TestEsdbServer, type TestEsdbServerOptions } from './test-esdb-server.js';

/** Registers and runs both contracts over test servers started with `serverOptions`. */
export const contractsOverTestServer = (name: string, serverOptions: TestEsdbServerOptions, storeOptions: EsdbStoreOptions): void => {
  const closeBoth = (store: { close(): Promise<void> }, server: TestEsdbServer) => async () => {
    await store.close();
    await server.stop();
  };
  // The server stops with the store; reopening restarts it over the same log, as a server restarts over its database.
  const restart = (server: TestEsdbServer) => startTestEsdbServer({ ...serverOptions, log: server.log });
  eventStoreContract(
    `EsdbEventStore over the test server (${name})`,
    async () => {
      const server = await startTestEsdbServer(serverOptions);
      const store = EsdbEventStore.connect(server.connectionString, storeOptions);
      return { store, server, close: closeBoth(store, server) };
    },
    {
      reopen: async ({ server }) => {
        const restarted = await restart(server);
        const store = EsdbEventStore.connect(restarted.connectionString, storeOptions);
        return { store, close: closeBoth(store, restarted) };
      },
    },
  );
  keyStoreContract(
    `EsdbKeyStore over the test server (${name})`,
    async () => {
      const server = await startTestEsdbServer(serverOptions);
      const store = EsdbKeyStore.connect(server.connectionString, storeOptions);
      return { store, server, close: closeBoth(store, server) };
    },
    {
      reopen: async ({ server }) => {
        const restarted = await restart(server);
        const store = EsdbKeyStore.connect(restarted.connectionString, storeOptions);
        return { store, close: closeBoth(store, restarted) };
      },
      refusesDeletedKeyIds: true,
    },
  );
  snapshotStoreContract(
    `EsdbSnapshotStore over the test server (${name})`,
    async () => {
      const server = await startTestEsdbServer(serverOptions);
      const store = EsdbSnapshotStore.connect(server.connectionString, storeOptions);
      return { store, server, close: closeBoth(store, server) };
    },
    {
      reopen: async ({ server }) => {
        const restarted = await restart(server);
        const store = EsdbSnapshotStore.connect(restarted.connectionString, storeOptions);
        return { store, close: closeBoth(store, restarted) };
      },
    },
  );
};
