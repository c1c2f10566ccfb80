// Live subscriptions hear other writers through LISTEN/NOTIFY, and poll where they cannot listen.
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PostgresEventStore } from '@providers/store-postgres';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { liveEvents, newEvents, within } from './support/events.js';

/** So long that an event that arrives cannot have come by polling. */
const NEVER_POLL_MS = 3_600_000;

const { server } = await postgresTestGate('PostgreSQL live subscriptions');
if (server) {
  const url = await server.createDatabase('live');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let schemas = 0;
  const test = suite<{ schema: string }>('PostgreSQL live subscriptions', { schema: '' });
  test.before.each((context) => {
    context.schema = `live_${++schemas}`;
  });
  test.after(() => admin.end());

  /** The backend that LISTENs on the schema's channel, once it listens (its last statement was the LISTEN). */
  const listener = async (schema: string, not?: number): Promise<number> => {
    for (;;) {
      const found = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> $2', [`LISTEN "${schema}_events"`, not ?? 0]);
      if (found.rows[0]) return found.rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  test('an append by another connection pool reaches a subscription that never polls: through NOTIFY', async ({ schema }) => {
    const following = await PostgresEventStore.open(url, { schema, pollIntervalMs: NEVER_POLL_MS });
    const writer = await PostgresEventStore.open(url, { schema });
    const live = liveEvents(following.subscribeAll());
    try {
      await live.caughtUp();
      await listener(schema);
      const batch = newEvents(3);
      await writer.append('elsewhere', batch, 0n);
      assert.equal((await within(live.until(3), 10_000, 'the notified subscription')).map((e) => e.eventId), batch.map((e) => e.eventId));
    } finally {
      await following.close();
      await writer.close();
    }
  });

  test('after its listening connection is dropped, the store listens again and hears later appends', async ({ schema }) => {
    const following = await PostgresEventStore.open(url, { schema, pollIntervalMs: NEVER_POLL_MS });
    const writer = await PostgresEventStore.open(url, { schema });
    const live = liveEvents(following.subscribeAll());
    try {
      await live.caughtUp();
      const first = await listener(schema);
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      await listener(schema, first);
      const batch = newEvents(1);
      await writer.append('after-reconnect', batch, 0n);
      assert.equal((await within(live.until(1), 10_000, 'the subscription after the reconnect')).map((e) => e.eventId), batch.map((e) => e.eventId));
    } finally {
      await following.close();
      await writer.close();
    }
  });

  test('without LISTEN, a subscription finds other writers’ appends by polling', async ({ schema }) => {
    const following = await PostgresEventStore.open(url, { schema, listen: false, pollIntervalMs: 20 });
    const writer = await PostgresEventStore.open(url, { schema });
    const live = liveEvents(following.subscribeAll());
    try {
      await live.caughtUp();
      const batch = newEvents(2);
      await writer.append('polled', batch, 0n);
      assert.equal((await within(live.until(2), 10_000, 'the polling subscription')).map((e) => e.eventId), batch.map((e) => e.eventId));
      const listening = await admin.query('SELECT 1 FROM pg_stat_activity WHERE query = $1', [`LISTEN "${schema}_events"`]);
      assert.is(listening.rowCount, 0, 'a store told not to listen listened');
    } finally {
      await following.close();
      await writer.close();
    }
  });

  test.run();
}
