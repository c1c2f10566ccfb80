// A suite whose every test gets a fresh in-process server, the store over it, and a raw client beside.
import { EventStoreDBClient } from '@eventstore/db-client';
import { suite, type Test } from 'uvu';
import { EsdbEventStore } from '../../src/index.js';
import { startTestEsdbServer, type TestEsdbServer } from './test-esdb-server.js';

/** What each test of a `serverSuite` is given. */
export interface ServerContext {
  server: TestEsdbServer;
  /** The store under test: pages of 2, three quick attempts. */
  store: EsdbEventStore;
  /** A client of its own, to write and read what the store does not (stream metadata, system streams). */
  raw: EventStoreDBClient;
}

/** A suite named `name` whose tests each run on a server started for them and stopped after. */
export const serverSuite = (name: string): Test<ServerContext> => {
  const test = suite<ServerContext>(name);
  test.before.each(async (context) => {
    context.server = await startTestEsdbServer();
    context.store = EsdbEventStore.connect(context.server.connectionString, { pageSize: 2, retry: { attempts: 3, initialDelayMs: 10 } });
    context.raw = EventStoreDBClient.connectionString(context.server.connectionString);
  });
  test.after.each(async ({ server, store, raw }) => {
    await store.close();
    await raw.dispose();
    await server.stop();
  });
  return test;
};
