// Live subscriptions hear other writers through LISTEN/NOTIFY, and poll where they cannot listen.
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PostgresEventStore, type PostgresOpenOptions } from '@providers/store-postgres';
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

  /** Checks that `count` new events the writer appends to `stream` reach the follower; `what` names the follower in a failure. */
  type Hears = (stream: string, count: number, what: string) => Promise<void>;

  /**
   * Runs `body` once a store that follows the schema's log (opened with
   * `options`) caught up, beside a store on a pool of its own that writes
   * to it; both are closed after.
   */
  const followingAWriter = async (schema: string, options: PostgresOpenOptions, body: (hears: Hears) => Promise<void>) => {
    const following = await PostgresEventStore.open(url, { schema, ...options });
    const writer = await PostgresEventStore.open(url, { schema });
    const live = liveEvents(following.subscribeAll());
    const hears: Hears = async (stream, count, what) => {
      const batch = newEvents(count);
      await writer.append(stream, batch, 0n);
      assert.equal((await within(live.until(count), 10_000, what)).map((e) => e.eventId), batch.map((e) => e.eventId));
    };
    try {
      await live.caughtUp();
      await body(hears);
    } finally {
      await following.close();
      await writer.close();
    }
  };

  test('an append by another connection pool reaches a subscription that never polls: through NOTIFY', ({ schema }) =>
    followingAWriter(schema, { pollIntervalMs: NEVER_POLL_MS }, async (hears) => {
      await listener(schema);
      await hears('elsewhere', 3, 'the notified subscription');
    }));

  test('after its listening connection is dropped, the store listens again and hears later appends', ({ schema }) =>
    followingAWriter(schema, { pollIntervalMs: NEVER_POLL_MS }, async (hears) => {
      const first = await listener(schema);
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      await listener(schema, first);
      await hears('after-reconnect', 1, 'the subscription after the reconnect');
    }));

  test('without LISTEN, a subscription finds other writers’ appends by polling', ({ schema }) =>
    followingAWriter(schema, { listen: false, pollIntervalMs: 20 }, async (hears) => {
      await hears('polled', 2, 'the polling subscription');
      const listening = await admin.query('SELECT 1 FROM pg_stat_activity WHERE query = $1', [`LISTEN "${schema}_events"`]);
      assert.is(listening.rowCount, 0, 'a store told not to listen listened');
    }));

  test.run();
}
