/**
 * `subscribeAll` through the real client: catching up, going live, resuming
 * from a saved position, surviving a dropped subscription, and failing with
 * a typed error (never hanging) when the server dies.
 */
import { StoreUnavailable, type RecordedEvent, type Subscription, type SubscriptionMessage } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EsdbEventStore } from '../src/index.js';
import { ids, newEvent, newEvents, within } from './support/fixtures.js';
import { startTestEsdbServer, type TestEsdbServer } from './support/test-esdb-server.js';

const test = suite<{ server: TestEsdbServer; store: EsdbEventStore }>('subscribeAll');

test.before.each(async (context) => {
  context.server = await startTestEsdbServer();
  context.store = EsdbEventStore.connect(context.server.connectionString, { pageSize: 10, retry: { attempts: 3, initialDelayMs: 10 } });
});
test.after.each(async ({ server, store }) => {
  await store.close();
  await server.stop();
});

/** Reads a subscription message by message, each within a bound. */
const reader = (subscription: Subscription) => {
  const iterator = subscription[Symbol.asyncIterator]();
  const next = async (): Promise<SubscriptionMessage> => {
    const result = await within(5_000, iterator.next(), 'the subscription');
    if (result.done) throw new Error('the subscription ended');
    return result.value;
  };
  return {
    next,
    async untilCaughtUp(): Promise<{ events: RecordedEvent[]; position: bigint }> {
      const events: RecordedEvent[] = [];
      for (;;) {
        const message = await next();
        if (message.kind === 'caught-up') return { events, position: message.position };
        events.push(...message.events);
      }
    },
    async events(count: number): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      while (events.length < count) {
        const message = await next();
        if (message.kind !== 'events') throw new Error('caught up twice');
        events.push(...message.events);
      }
      assert.is(events.length, count, 'more events than were appended');
      return events;
    },
  };
};

test('catches up, goes live, and resumes from a saved position without reading the log again', async ({ server, store }) => {
  const backlog = newEvents(40);
  await store.append('resumable', backlog, 0n);
  const first = store.subscribeAll();
  const feed = reader(first);
  const caughtUp = await feed.untilCaughtUp();
  assert.equal(ids(caughtUp.events), ids(backlog));
  assert.is(caughtUp.position, await store.headPosition());
  const live = newEvents(2);
  await store.append('resumable', live, 40n);
  const delivered = await feed.events(2);
  assert.equal(ids(delivered), ids(live));
  const saved = delivered[1]!.position;
  await first.close();

  const missed = newEvents(3);
  await store.append('resumable', missed, 42n);
  const sentBefore = server.stats.eventsSent;
  const resumed = reader(store.subscribeAll({ after: saved }));
  const again = await resumed.untilCaughtUp();
  assert.equal(ids(again.events), ids(missed));
  // The head lookup and the catch-up read touch the last page and the missed events, not the 42 before them.
  assert.ok(server.stats.eventsSent - sentBefore <= 15, `the server sent ${server.stats.eventsSent - sentBefore} events to resume`);
  const later = newEvents(1);
  await store.append('resumable', later, 45n);
  assert.equal(ids(await resumed.events(1)), ids(later));
});

test('a subscription dropped by the server is resumed: live events arrive once, and caught-up is said once', async ({ server, store }) => {
  await store.append('dropped', newEvents(2), 0n);
  const subscription = store.subscribeAll();
  const feed = reader(subscription);
  await feed.untilCaughtUp();
  const before = newEvents(1);
  await store.append('dropped', before, 2n);
  assert.equal(ids(await feed.events(1)), ids(before));
  server.dropSubscriptions();
  const after = newEvents(2);
  await store.append('dropped', after, 3n);
  assert.equal(ids(await feed.events(2)), ids(after));
  const last = newEvent();
  await store.append('other', [last], 0n);
  assert.equal(ids(await feed.events(1)), [last.eventId]);
  await subscription.close();
});

test('live filtering happens on the server: events that do not match are not sent', async ({ server, store }) => {
  await store.append('filtered', [newEvent('Wanted')], 0n);
  const feed = reader(store.subscribeAll({ filter: { eventTypes: ['Wanted', 'Also.Wanted'] } }));
  assert.equal((await feed.untilCaughtUp()).events.length, 1);
  const sentBefore = server.stats.eventsSent;
  await store.append('filtered', newEvents(20, 'Unwanted'), 1n);
  const wanted = newEvent('Also.Wanted');
  await store.append('filtered', [wanted], 21n);
  assert.equal(ids(await feed.events(1)), [wanted.eventId]);
  assert.is(server.stats.eventsSent - sentBefore, 1);
});

test('killing the server mid-subscription ends the iteration with StoreUnavailable, within bounds', async ({ server, store }) => {
  await store.append('doomed', newEvents(1), 0n);
  const feed = reader(store.subscribeAll());
  await feed.untilCaughtUp();
  server.kill();
  const failure = await within(10_000, feed.next().then(
    () => undefined,
    (error: unknown) => error,
  ), 'the subscription after the kill');
  assert.instance(failure, StoreUnavailable);
});

test('a server that shuts down ends the iteration with StoreUnavailable too', async ({ server, store }) => {
  const feed = reader(store.subscribeAll());
  await feed.untilCaughtUp();
  await server.stop();
  const failure = await within(10_000, feed.next().then(
    () => undefined,
    (error: unknown) => error,
  ), 'the subscription after the shutdown');
  assert.instance(failure, StoreUnavailable);
});

test('closing the store ends its subscriptions', async ({ store }) => {
  await store.append('closing', newEvents(1), 0n);
  const subscription = store.subscribeAll();
  await reader(subscription).untilCaughtUp();
  const waiting = subscription[Symbol.asyncIterator]().next();
  await store.close();
  assert.is((await within(5_000, waiting, 'the subscription after close')).done, true);
});

test.run();
