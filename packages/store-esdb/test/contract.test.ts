/**
 * The store contracts against the EventStoreDB adapters: over the in-process
 * test server (as a current server), and over a real server when
 * EVENTSTORE_CONNECTION_STRING is set. contract-older-server.test.ts runs
 * them against the test server as an older server.
 */
import { eventStoreContract, keyStoreContract } from '@providers/store/testing';
import { randomUUID } from 'node:crypto';
import { EsdbEventStore, EsdbKeyStore } from '../src/index.js';
import { contractsOverTestServer } from './support/contract-over-test-server.js';
import { scopedEventStore, scopedKeyStore } from './support/scoped-stores.js';

contractsOverTestServer('as 23.10: BatchAppend, caught_up', {}, {});

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (connectionString) {
  // One database for every test: each test gets its own prefix and sees only what it wrote.
  eventStoreContract(
    'EsdbEventStore over EVENTSTORE_CONNECTION_STRING',
    async () => {
      const scope = `contract-${randomUUID()}`;
      const whole = EsdbEventStore.connect(connectionString);
      const baseline = await whole.headPosition();
      const store = scopedEventStore(whole, scope, baseline);
      return { store, scope, baseline, close: () => store.close() };
    },
    {
      reopen: async ({ scope, baseline }) => {
        const store = scopedEventStore(EsdbEventStore.connect(connectionString), scope, baseline);
        return { store, close: () => store.close() };
      },
    },
  );
  keyStoreContract('EsdbKeyStore over EVENTSTORE_CONNECTION_STRING', async () => {
    const store = scopedKeyStore(EsdbKeyStore.connect(connectionString), `contract-${randomUUID()}`);
    return { store, close: () => store.close() };
  }, { refusesDeletedKeyIds: true });
} else {
  console.log('EsdbEventStore/EsdbKeyStore contracts against a real server: skipped, EVENTSTORE_CONNECTION_STRING is not set');
}
