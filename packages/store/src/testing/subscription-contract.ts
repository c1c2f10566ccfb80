// The contract of `subscribeAll`: the backlog, the caught-up marker, live events, filters and closing.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore, RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.js';
import { assertIncreasing, event, events, ids } from './contract-events.js';
import { fail, within } from './awaited.js';
import { plain, readAll } from './contract-reads.js';
import type { OpenedEventStore } from './event-store-contract.js';

/** How long a subscription may take to deliver before the test fails instead of hanging. */
const deliveryGuardMs = 5_000;

/** Registers the subscription tests of the event-store contract on `test`. */
export const subscriptionContract = (
  test: Test,
  withStore: (body: (store: EventStore) => Promise<void>) => Promise<void>,
  open: () => Promise<OpenedEventStore>,
): void => {
  test('subscribeAll delivers the backlog, says it caught up, then delivers live events', () =>
    withStore(async (store) => {
      const backlog = [...events(2), ...events(1)];
      await store.append('live-a', backlog.slice(0, 2), 0n);
      await store.append('live-b', backlog.slice(2), 0n);
      await following(store.subscribeAll(), async (feed) => {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(ids(caughtUp.events), ids(backlog));
        assert.is(caughtUp.position, await store.headPosition());
        const live = [...events(2), ...events(1)];
        await store.append('live-a', live.slice(0, 2), 2n);
        await store.append('live-c', live.slice(2), 0n);
        const delivered = await feed.events(3);
        assert.equal(ids(delivered), ids(live));
        assert.equal(delivered, await readAll(store, { after: caughtUp.position }));
        assertIncreasing([caughtUp.position, ...delivered.map((e) => e.position)]);
      });
    }));

  test('subscribeAll on an empty store catches up at once, then delivers the first event', () =>
    withStore(async (store) => {
      await following(store.subscribeAll(), async (feed) => {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(caughtUp.events, []);
        assert.is(caughtUp.position, 0n);
        const first = events(1);
        await store.append('first', first, 0n);
        assert.equal(ids(await feed.events(1)), ids(first));
      });
    }));

  test('subscribeAll after a position delivers only the later events', () =>
    withStore(async (store) => {
      const batch = events(5);
      await store.append('from', batch, 0n);
      const all = await readAll(store);
      await following(store.subscribeAll({ after: all[1]!.position }), async (feed) => {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(ids(caughtUp.events), ids(batch.slice(2)));
        assert.is(caughtUp.position, all[4]!.position);
        const live = events(1);
        await store.append('from', live, 5n);
        assert.equal(ids(await feed.events(1)), ids(live));
      });
    }));

  test('subscribeAll with a filter delivers only matching events, in the backlog and live', () =>
    withStore(async (store) => {
      await store.append('keep-1', [event('Wanted'), event('Unwanted')], 0n);
      await store.append('drop-1', [event('Wanted')], 0n);
      await store.append('keep-2', [event('Wanted')], 0n);
      await store.append('keep-1', [event('Unwanted')], 2n);
      const filter = { streamPrefixes: ['keep-'], eventTypes: ['Wanted'] };
      const expected = await readAll(store, { filter });
      assert.is(expected.length, 2);
      await following(store.subscribeAll({ filter }), async (feed) => {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(caughtUp.events, expected);
        assert.ok(caughtUp.position >= expected[1]!.position, 'caught up before the last delivered event');
        assert.ok(caughtUp.position <= (await store.headPosition()), 'caught up beyond the head');
        // Non-matching events go first: were they delivered, they would arrive before the wanted one.
        await store.append('drop-1', [event('Wanted')], 1n);
        await store.append('keep-2', [event('Unwanted')], 1n);
        const wanted = event('Wanted');
        await store.append('keep-3', [wanted], 0n);
        const delivered = await feed.events(1);
        assert.equal(ids(delivered), [wanted.eventId]);
        assert.is(delivered[0]!.stream, 'keep-3');
      });
    }));

  test('close() ends a subscription, also one that is waiting for events', () =>
    withStore(async (store) => {
      await store.append('c', events(1), 0n);
      const subscription = store.subscribeAll();
      const feed = new Feed(subscription);
      await feed.untilCaughtUp();
      const waiting = feed.nextResult();
      await subscription.close();
      assert.is((await waiting).done, true);
      await store.append('c', events(1), 1n);
      assert.is((await feed.nextResult()).done, true);

      const unstarted = store.subscribeAll();
      await unstarted.close();
      assert.is((await new Feed(unstarted).nextResult()).done, true);

      // Leaving a for-await loop ends a subscription too; the store carries on.
      let seen = 0;
      for await (const message of store.subscribeAll()) {
        if (message.kind === 'caught-up') break;
        seen += message.events.length;
      }
      assert.is(seen, 2);
      assert.is((await store.append('c', events(1), 2n)).revision, 3n);
    }));

  test('closing the store ends its subscriptions', async () => {
    const opened = await open();
    let closed = false;
    try {
      await opened.store.append('c', events(1), 0n);
      const feed = new Feed(opened.store.subscribeAll());
      await feed.untilCaughtUp();
      const waiting = feed.nextResult();
      await opened.close();
      closed = true;
      assert.is((await waiting).done, true);
    } finally {
      if (!closed) await opened.close();
    }
  });
};

/** Runs `body` on a feed of `subscription`, and closes the subscription after it whatever happens. */
const following = async (subscription: Subscription, body: (feed: Feed) => Promise<void>): Promise<void> => {
  const feed = new Feed(subscription);
  try {
    await body(feed);
  } finally {
    await feed.close();
  }
};

/** Reads a subscription one message at a time, failing instead of hanging when nothing comes. */
class Feed {
  readonly #subscription: Subscription;
  readonly #iterator: AsyncIterator<SubscriptionMessage>;
  #caughtUp = false;

  constructor(subscription: Subscription) {
    this.#subscription = subscription;
    this.#iterator = subscription[Symbol.asyncIterator]();
  }

  nextResult(): Promise<IteratorResult<SubscriptionMessage>> {
    return within(deliveryGuardMs, this.#iterator.next(), 'the subscription');
  }

  async next(): Promise<SubscriptionMessage> {
    const result = await this.nextResult();
    if (result.done) return fail('the subscription ended early');
    const message = result.value;
    if (message.kind === 'caught-up') return message;
    assert.ok(message.events.length > 0, 'the subscription delivered an empty page');
    return { kind: 'events', events: message.events.map(plain) };
  }

  /** The backlog, up to and including the caught-up marker. */
  async untilCaughtUp(): Promise<{ events: RecordedEvent[]; position: bigint }> {
    const backlog: RecordedEvent[] = [];
    for (;;) {
      const message = await this.next();
      if (message.kind === 'caught-up') {
        this.#caughtUp = true;
        return { events: backlog, position: message.position };
      }
      backlog.push(...message.events);
    }
  }

  /** The next `count` live events. */
  async events(count: number): Promise<RecordedEvent[]> {
    assert.ok(this.#caughtUp, 'read live events before catching up');
    const delivered: RecordedEvent[] = [];
    while (delivered.length < count) {
      const message = await this.next();
      assert.is(message.kind, 'events', 'the subscription said it caught up twice');
      if (message.kind === 'events') delivered.push(...message.events);
    }
    assert.is(delivered.length, count, 'the subscription delivered more events than were appended');
    return delivered;
  }

  close(): Promise<void> {
    return this.#subscription.close();
  }
}

