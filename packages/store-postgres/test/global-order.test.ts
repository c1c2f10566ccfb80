// What PostgreSQL makes hard: a global order that a live subscriber follows without skipping
// events that concurrent transactions commit out of order, optimistic concurrency per stream,
// and appends that are idempotent by event id.
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, WrongExpectedRevision, type ExpectedRevision } from '@providers/store';
import { PostgresEventStore } from '@providers/store-postgres';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { liveEvents, newEvents, readAll, readStream, within } from './support/events.js';

const { server } = await postgresTestGate('PostgreSQL global order and idempotency');
if (server) {
  const url = await server.createDatabase('order');
  let schemas = 0;
  const open = (schema: string) => PostgresEventStore.open(url, { schema });
  const test = suite<{ schema: string }>('PostgreSQL global order', { schema: '' });
  test.before.each((context) => {
    context.schema = `order_${++schemas}`;
  });

  test('eight writers on their own connections at once: a live subscriber sees every event exactly once, in order', async ({ schema }) => {
    const subscriberStore = await open(schema);
    const writers = await Promise.all(Array.from({ length: 8 }, () => open(schema)));
    const live = liveEvents(subscriberStore.subscribeAll());
    try {
      await live.caughtUp();
      // Each writer: 30 batches of 1–3 events, to a stream of its own (exact revisions) and to one shared stream ('any').
      const written = await Promise.all(
        writers.map(async (store, w) => {
          let own = 0n;
          let count = 0;
          for (let i = 0; i < 30; i++) {
            const batch = newEvents(1 + (i % 3), 'Written', { writer: w });
            const shared = i % 2 === 0;
            const result = await store.append(shared ? 'shared' : `own-${w}`, batch, shared ? 'any' : own);
            if (!shared) own = result.revision;
            count += batch.length;
          }
          return count;
        }),
      );
      const total = written.reduce((sum, count) => sum + count, 0);
      const delivered = await within(live.until(total), 30_000, 'the subscriber');
      const stored = await readAll(subscriberStore);
      assert.is(stored.length, total);
      assert.equal(delivered.map((e) => e.eventId), stored.map((e) => e.eventId));
      assert.is(new Set(delivered.map((e) => e.eventId)).size, total, 'an event was delivered twice');
      delivered.forEach((e, i) => i > 0 && assert.ok(e.position > delivered[i - 1]!.position, `position ${e.position} after ${delivered[i - 1]!.position}`));
      assert.equal((await readStream(subscriberStore, 'shared')).map((e) => e.revision), stored.filter((e) => e.stream === 'shared').map((_, i) => BigInt(i + 1)));
    } finally {
      for (const store of [subscriberStore, ...writers]) await store.close();
    }
  });

  test('an append that drew its position but has not committed holds back later appends, so no later position is seen first', async ({ schema }) => {
    const store = await open(schema);
    await store.append('before', newEvents(1), 0n);
    const live = liveEvents(store.subscribeAll());
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await live.caughtUp();
      // A transaction that appends and then waits before committing, as a slow writer does.
      const [held] = newEvents(1, 'Held');
      await holder.query('BEGIN');
      const drawn = await holder.query<{ last_position: string }>(
        `SELECT last_position FROM "${schema}".append_events('held', NULL, $1, $2, $3, $4)`,
        [[held!.eventId], ['Held'], ['{}'], ['{}']],
      );
      const heldPosition = BigInt(drawn.rows[0]!.last_position);
      const [later] = newEvents(1, 'Later');
      const laterAppend = store.append('later', [later!], 0n);
      await untilWaitingForAppendLock();
      // Nothing past the uncommitted position is visible: not the held event, not the later one.
      assert.ok((await store.headPosition()) < heldPosition);
      assert.equal(live.delivered, []);
      await holder.query('COMMIT');
      const laterResult = await laterAppend;
      assert.ok(laterResult.position > heldPosition);
      const delivered = await within(live.until(2), 10_000, 'the subscriber');
      assert.equal(delivered.map((e) => [e.type, e.position]), [['Held', heldPosition], ['Later', laterResult.position]]);
    } finally {
      await holder.end();
      await store.close();
    }
  });

  test('concurrent writers with one expected revision: one wins, the others get WrongExpectedRevision with the actual revision', async ({ schema }) => {
    const writers = await Promise.all(Array.from({ length: 6 }, () => open(schema)));
    try {
      await writers[0]!.append('contended', newEvents(2), 0n);
      const outcomes = await Promise.allSettled(writers.map((store) => store.append('contended', newEvents(1), 2n)));
      assert.is(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          assert.instance(outcome.reason, WrongExpectedRevision);
          assert.is((outcome.reason as WrongExpectedRevision).actual, 3n);
        }
      }
      assert.equal((await readStream(writers[0]!, 'contended')).map((e) => e.revision), [1n, 2n, 3n]);
    } finally {
      for (const store of writers) await store.close();
    }
  });

  test('a batch appended again (a retry after a lost answer) gives the first result and is stored once', async ({ schema }) => {
    const store = await open(schema);
    try {
      await store.append('s', newEvents(2), 0n);
      const batch = newEvents(3);
      const first = await store.append('s', batch, 2n);
      for (const expected of [2n, 'any'] as ExpectedRevision[]) assert.equal(await store.append('s', batch, expected), first);
      // Appended again from another connection at once: still once.
      const again = await Promise.all(Array.from({ length: 4 }, () => store.append('s', batch, 2n)));
      for (const result of again) assert.equal(result, first);
      assert.equal((await readStream(store, 's')).map((e) => e.revision), [1n, 2n, 3n, 4n, 5n]);
      assert.is(await store.headPosition(), first.position);
    } finally {
      await store.close();
    }
  });

  test('an event id already stored elsewhere, or a batch that only partly matches a stored one, is refused naming the id; nothing is appended', async ({ schema }) => {
    const store = await open(schema);
    try {
      const stored = newEvents(2);
      await store.append('a', stored, 0n);
      const head = await store.headPosition();
      const cases: [string, ReturnType<typeof newEvents>, ExpectedRevision][] = [
        ['b', [stored[0]!], 0n], // the id is in another stream
        ['a', [stored[1]!, stored[0]!], 0n], // the same ids in another order
        ['a', [stored[0]!, ...newEvents(1)], 0n], // a stored id and a new one
        ['a', stored, 1n], // the same batch at another expected revision
      ];
      for (const [stream, batch, expected] of cases) {
        const error = await store.append(stream, batch, expected).then(
          () => assert.unreachable(`appending ${batch.map((e) => e.eventId)} to ${stream} succeeded`),
          (caught: unknown) => caught,
        );
        assert.instance(error, StoreFailure);
        assert.ok(batch.some((e) => (error as StoreFailure).message.includes(e.eventId)), (error as StoreFailure).message);
      }
      assert.is(await store.headPosition(), head);
      assert.is((await readAll(store)).length, 2);
    } finally {
      await store.close();
    }
  });

  test.run();

  /**
   * Waits until a backend is blocked on the append lock (the later append queued behind the held
   * one). Asked on a connection of its own: in a transaction, pg_stat_activity would not change.
   */
  async function untilWaitingForAppendLock(): Promise<void> {
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      for (;;) {
        const waiting = await observer.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'");
        if (waiting.rowCount! > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await observer.end();
    }
  }
}
