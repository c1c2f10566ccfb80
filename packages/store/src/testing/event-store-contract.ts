import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, WrongExpectedRevision } from '../errors.js';
import type { EventStore, Json, NewEvent, RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.js';
import { fail, pages, plain, readAll, readStream, rejection } from './contract-reads.js';
import { truncationContract } from './truncation-contract.js';

/** A store opened for one contract test, and how to let go of it. */
export interface OpenedEventStore {
  readonly store: EventStore;
  /** Closes the store (and whatever the harness opened with it). */
  close(): Promise<void>;
}

/** Optional abilities of the store under test. */
export interface EventStoreContractOptions<T extends OpenedEventStore> {
  /** Opens again the storage behind `closed` (already closed): enables the durability test. */
  readonly reopen?: (closed: T) => Promise<OpenedEventStore>;
}

/** How long a subscription may take to deliver before the test fails instead of hanging. */
const deliveryGuardMs = 5_000;

/**
 * Registers the event-store contract as a uvu suite named `name` and runs it.
 * `open` must give a new, empty store for every test.
 */
export function eventStoreContract<T extends OpenedEventStore>(
  name: string,
  open: () => Promise<T>,
  options: EventStoreContractOptions<T> = {},
): void {
  const test = suite(name);
  const withStore = async (body: (store: EventStore) => Promise<void>) => {
    const opened = await open();
    try {
      await body(opened.store);
    } finally {
      await opened.close();
    }
  };

  test('revisions start at 1 and are dense per stream', () =>
    withStore(async (store) => {
      assert.is((await store.append('a', events(3), 0n)).revision, 3n);
      assert.is((await store.append('a', events(2), 3n)).revision, 5n);
      assert.is((await store.append('b', events(1), 0n)).revision, 1n);
      const a = await readStream(store, 'a');
      assert.equal(a.map((e) => e.revision), [1n, 2n, 3n, 4n, 5n]);
      assert.ok(a.every((e) => e.stream === 'a'));
      assert.equal((await readStream(store, 'b')).map((e) => e.revision), [1n]);
    }));

  test('expected revision 0n creates a stream and is refused once the stream exists', () =>
    withStore(async (store) => {
      assert.is((await store.append('fresh', events(1), 0n)).revision, 1n);
      const error = await rejection(store.append('fresh', events(1), 0n), WrongExpectedRevision);
      assert.is(error.stream, 'fresh');
      assert.is(error.expected, 0n);
      assert.is(error.actual, 1n);
    }));

  test('a stale expected revision fails with WrongExpectedRevision and leaves no trace', () =>
    withStore(async (store) => {
      await store.append('s', events(2), 0n);
      const head = await store.headPosition();
      const batch = events(3);
      const stale = await rejection(store.append('s', batch, 1n), WrongExpectedRevision);
      assert.is(stale.stream, 's');
      assert.is(stale.expected, 1n);
      assert.is(stale.actual, 2n);
      const ahead = await rejection(store.append('s', batch, 7n), WrongExpectedRevision);
      assert.is(ahead.actual, 2n);
      assert.is((await readStream(store, 's')).length, 2);
      assert.is((await readAll(store)).length, 2);
      assert.is(await store.headPosition(), head);
      // The very same events go in afterwards: nothing of the failed batch was kept, not even its ids.
      assert.is((await store.append('s', batch, 2n)).revision, 5n);
      assert.equal(ids(await readStream(store, 's', { after: 2n })), ids(batch));
    }));

  test("expected revision 'any' appends to a new or an existing stream", () =>
    withStore(async (store) => {
      assert.is((await store.append('any', events(1), 'any')).revision, 1n);
      assert.is((await store.append('any', events(2), 'any')).revision, 3n);
      assert.equal((await readStream(store, 'any')).map((e) => e.revision), [1n, 2n, 3n]);
    }));

  test('positions strictly increase across streams, in append order, and match the append results', () =>
    withStore(async (store) => {
      const appended: NewEvent[] = [];
      const results = [];
      for (const stream of ['x', 'y', 'x', 'z', 'y', 'x']) {
        const batch = events(2);
        appended.push(...batch);
        results.push({ stream, batch, result: await store.append(stream, batch, 'any') });
      }
      const all = await readAll(store);
      assert.equal(ids(all), ids(appended));
      assertIncreasing(all.map((e) => e.position));
      for (const { stream, batch, result } of results) {
        const last = all.find((e) => e.eventId === batch[batch.length - 1]!.eventId)!;
        assert.is(result.position, last.position);
        assert.is(result.revision, last.revision);
        assert.is(last.stream, stream);
      }
      const fromStream = await readStream(store, 'x');
      assert.equal(
        fromStream.map((e) => e.position),
        all.filter((e) => e.stream === 'x').map((e) => e.position),
      );
    }));

  test('readStream reads after a revision', () =>
    withStore(async (store) => {
      const batch = events(5);
      await store.append('r', batch, 0n);
      assert.equal(ids(await readStream(store, 'r', { after: 0n })), ids(batch));
      assert.equal((await readStream(store, 'r', { after: 2n })).map((e) => e.revision), [3n, 4n, 5n]);
      assert.equal(ids(await readStream(store, 'r', { after: 2n })), ids(batch.slice(2)));
      assert.equal(await readStream(store, 'r', { after: 5n }), []);
      assert.equal(await readStream(store, 'r', { after: 9n }), []);
    }));

  test('readAll reads after a position and up to a position', () =>
    withStore(async (store) => {
      for (const stream of ['p', 'q', 'p', 'q', 'p', 'q']) await store.append(stream, events(1), 'any');
      const all = await readAll(store);
      const positions = all.map((e) => e.position);
      assert.equal(ids(await readAll(store, { after: positions[1]! })), ids(all.slice(2)));
      assert.equal(ids(await readAll(store, { upTo: positions[3]! })), ids(all.slice(0, 4)));
      assert.equal(ids(await readAll(store, { after: positions[1]!, upTo: positions[3]! })), ids(all.slice(2, 4)));
      assert.equal(ids(await readAll(store, { after: positions[5]! })), []);
      assert.equal(ids(await readAll(store, { after: positions[3]!, upTo: positions[3]! })), []);
    }));

  test('readAll filters by stream prefix', () =>
    withStore(async (store) => {
      for (const stream of ['orders-1', 'users-1', 'orders-2', 'ord', 'users-2', 'xorders-3']) {
        await store.append(stream, events(2), 0n);
      }
      const streamsOf = (read: RecordedEvent[]) => read.map((e) => e.stream);
      assert.equal(streamsOf(await readAll(store, { filter: { streamPrefixes: ['orders-'] } })), [
        'orders-1', 'orders-1', 'orders-2', 'orders-2',
      ]);
      assert.equal(streamsOf(await readAll(store, { filter: { streamPrefixes: ['users-', 'ord'] } })), [
        'orders-1', 'orders-1', 'users-1', 'users-1', 'orders-2', 'orders-2', 'ord', 'ord', 'users-2', 'users-2',
      ]);
      assert.equal(await readAll(store, { filter: { streamPrefixes: [] } }), []);
      const after = (await readAll(store))[3]!.position;
      assert.equal(streamsOf(await readAll(store, { after, filter: { streamPrefixes: ['orders-'] } })), ['orders-2', 'orders-2']);
    }));

  test('readAll filters by event type, and by type and stream together', () =>
    withStore(async (store) => {
      await store.append('t-1', [event('Opened'), event('Renamed'), event('Closed')], 0n);
      await store.append('u-1', [event('Opened'), event('Closed')], 0n);
      await store.append('t-2', [event('Renamed')], 0n);
      const typesOf = (read: RecordedEvent[]) => read.map((e) => `${e.stream}:${e.type}`);
      assert.equal(typesOf(await readAll(store, { filter: { eventTypes: ['Opened', 'Closed'] } })), [
        't-1:Opened', 't-1:Closed', 'u-1:Opened', 'u-1:Closed',
      ]);
      assert.equal(typesOf(await readAll(store, { filter: { eventTypes: ['Renamed'], streamPrefixes: ['t-'] } })), [
        't-1:Renamed', 't-2:Renamed',
      ]);
      assert.equal(typesOf(await readAll(store, { filter: { eventTypes: ['Closed'], streamPrefixes: ['u-'] } })), ['u-1:Closed']);
      assert.equal(await readAll(store, { filter: { eventTypes: [] } }), []);
      assert.equal(await readAll(store, { filter: { eventTypes: ['Nothing'] } }), []);
    }));

  test('pages come in order and are never empty', () =>
    withStore(async (store) => {
      // Rare events far apart: a filtered read must skip long runs without yielding empty pages.
      const batch = (count: number) => events(count).map((e, i) => (i === 1100 ? { ...e, type: 'Rare' } : e));
      await store.append('big-1', batch(1200), 0n);
      await store.append('big-2', batch(1200), 0n);
      await store.append('big-1', batch(100), 1200n);
      const check = (pages: (readonly RecordedEvent[])[]) => {
        assert.ok(pages.every((page) => page.length > 0), 'a page was empty');
        return pages.flat();
      };
      const all = check(await pages(store.readAll()));
      assert.is(all.length, 2500);
      assertIncreasing(all.map((e) => e.position));
      const stream = check(await pages(store.readStream('big-1')));
      assert.equal(stream.map((e) => e.revision), range(1, 1300));
      const rare = check(await pages(store.readAll({ filter: { eventTypes: ['Rare'] } })));
      assert.is(rare.length, 2);
      assertIncreasing(rare.map((e) => e.position));
      assert.equal(await pages(store.readAll({ filter: { eventTypes: ['Nothing'] } })), []);
      assert.equal(await pages(store.readAll({ after: await store.headPosition() })), []);
      assert.equal(await pages(store.readStream('big-1', { after: 1300n })), []);
    }));

  test('data and metadata round-trip: nested JSON, unicode, large strings, top-level scalars', () =>
    withStore(async (store) => {
      const large = 'x'.repeat(50_000) + '🔐'.repeat(12_500);
      const samples: Json[] = [
        { nested: { list: [1, 'two', { three: [true, false, null] }], empty: {}, none: [] } },
        { text: 'héllo wörld — 日本語 — مرحبا — 🚀🔐 — \u0000 — \u2028 — "quotes" \\ backslash', 'ключ': 'значение', '': 'empty key' },
        { numbers: [0, -1, 42, 0.1, -2.5e-7, 9007199254740991, 1.7976931348623157e308] },
        { large },
        'just a string',
        12345,
        true,
        null,
        [],
      ];
      const batch = samples.map((data, i) => ({ ...event('Sampled'), data, metadata: { sample: i, large: i === 3 ? large : '', actor: { id: 'ü-1', role: 'admin' } } }));
      await store.append('json', batch, 0n);
      const read = await readStream(store, 'json');
      assert.equal(read.map((e) => e.data), samples);
      assert.equal(read.map((e) => e.metadata), batch.map((e) => e.metadata));
      assert.equal((await readAll(store)).map((e) => e.data), samples);
    }));

  test('eventId, type and stream round-trip', () =>
    withStore(async (store) => {
      const batch = [event('ProviderAdded'), event('ProviderLinkedToService')];
      await store.append('providers-org-ünïcode', batch, 0n);
      for (const read of [await readStream(store, 'providers-org-ünïcode'), await readAll(store)]) {
        assert.equal(read.map((e) => [e.eventId, e.type, e.stream]), batch.map((e) => [e.eventId, e.type, 'providers-org-ünïcode']));
      }
    }));

  test('a missing stream and an empty store read as nothing', () =>
    withStore(async (store) => {
      assert.equal(await pages(store.readAll()), []);
      assert.equal(await pages(store.readStream('missing')), []);
      assert.is(await store.headPosition(), 0n);
      await store.append('present', events(1), 0n);
      assert.equal(await pages(store.readStream('missing')), []);
      assert.equal(await pages(store.readStream('presen')), []);
    }));

  test('headPosition is the position of the last event', () =>
    withStore(async (store) => {
      assert.is(await store.headPosition(), 0n);
      const first = await store.append('h', events(3), 0n);
      assert.is(await store.headPosition(), first.position);
      await rejection(store.append('h', events(1), 0n), WrongExpectedRevision);
      assert.is(await store.headPosition(), first.position);
      const second = await store.append('i', events(1), 0n);
      assert.ok(second.position > first.position);
      assert.is(await store.headPosition(), second.position);
    }));

  test('an append without events is refused with StoreFailure', () =>
    withStore(async (store) => {
      await rejection(store.append('empty', [], 0n), StoreFailure);
      await rejection(store.append('empty', [], 'any'), StoreFailure);
      assert.equal(await readAll(store), []);
    }));

  test('data that has no JSON form is refused with StoreFailure, and the batch is not appended', () =>
    withStore(async (store) => {
      const bad = { ...event('Bad'), data: { amount: 1n } as unknown as Json };
      await rejection(store.append('bad', [event('Good'), bad], 0n), StoreFailure);
      assert.equal(await readAll(store), []);
    }));

  test('callers cannot change stored events through what they appended or read', () =>
    withStore(async (store) => {
      const data = { list: [1, 2], nested: { value: 'original' } };
      const metadata = { actor: { id: 'a' } };
      await store.append('m', [{ ...event('Mutable'), data, metadata }], 0n);
      data.list.push(3);
      data.nested.value = 'changed by the writer';
      metadata.actor.id = 'b';
      const [read] = await readStream(store, 'm');
      try {
        ((read!.data as { nested: { value: string } }).nested).value = 'changed by a reader';
        ((read!.data as { list: number[] }).list).push(4);
      } catch {
        // A store may hand out frozen events; refusing the change is as good as ignoring it.
      }
      for (const again of [await readStream(store, 'm'), await readAll(store)]) {
        assert.equal(again[0]!.data, { list: [1, 2], nested: { value: 'original' } });
        assert.equal(again[0]!.metadata, { actor: { id: 'a' } });
      }
    }));

  test('subscribeAll delivers the backlog, says it caught up, then delivers live events', () =>
    withStore(async (store) => {
      const backlog = [...events(2), ...events(1)];
      await store.append('live-a', backlog.slice(0, 2), 0n);
      await store.append('live-b', backlog.slice(2), 0n);
      const feed = new Feed(store.subscribeAll());
      try {
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
      } finally {
        await feed.close();
      }
    }));

  test('subscribeAll on an empty store catches up at once, then delivers the first event', () =>
    withStore(async (store) => {
      const feed = new Feed(store.subscribeAll());
      try {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(caughtUp.events, []);
        assert.is(caughtUp.position, 0n);
        const first = events(1);
        await store.append('first', first, 0n);
        assert.equal(ids(await feed.events(1)), ids(first));
      } finally {
        await feed.close();
      }
    }));

  test('subscribeAll after a position delivers only the later events', () =>
    withStore(async (store) => {
      const batch = events(5);
      await store.append('from', batch, 0n);
      const all = await readAll(store);
      const feed = new Feed(store.subscribeAll({ after: all[1]!.position }));
      try {
        const caughtUp = await feed.untilCaughtUp();
        assert.equal(ids(caughtUp.events), ids(batch.slice(2)));
        assert.is(caughtUp.position, all[4]!.position);
        const live = events(1);
        await store.append('from', live, 5n);
        assert.equal(ids(await feed.events(1)), ids(live));
      } finally {
        await feed.close();
      }
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
      const feed = new Feed(store.subscribeAll({ filter }));
      try {
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
      } finally {
        await feed.close();
      }
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

  test('concurrent appends at the same expected revision: exactly one wins', () =>
    withStore(async (store) => {
      const batches = Array.from({ length: 10 }, () => events(1));
      const outcomes = await Promise.allSettled(batches.map((batch) => store.append('race', batch, 0n)));
      const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
      assert.is(won.length, 1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          assert.instance(outcome.reason, WrongExpectedRevision);
          assert.is((outcome.reason as WrongExpectedRevision).actual, 1n);
        }
      }
      assert.equal(ids(await readStream(store, 'race')), ids(batches[won[0]!]!));
    }));

  test('one append of 10,000 events', () =>
    withStore(async (store) => {
      const batch = events(10_000);
      const result = await store.append('bulk', batch, 0n);
      assert.is(result.revision, 10_000n);
      assert.is(result.position, await store.headPosition());
      const read = await readStream(store, 'bulk');
      assert.equal(ids(read), ids(batch));
      assert.equal(read.map((e) => e.revision), range(1, 10_000));
      const all = await readAll(store);
      assert.is(all.length, 10_000);
      assertIncreasing(all.map((e) => e.position));
      assert.is(all[all.length - 1]!.position, result.position);
    }));

  truncationContract(test, withStore);

  const reopen = options.reopen;
  if (reopen) {
    test('events survive closing and reopening the store, and appends carry on after them', async () => {
      const first = await open();
      let closed = false;
      try {
        const batch = events(3);
        await first.store.append('durable', batch, 0n);
        await first.store.append('other', events(1), 0n);
        const before = await readAll(first.store);
        const head = await first.store.headPosition();
        await first.close();
        closed = true;
        const second = await reopen(first);
        try {
          assert.equal(await readAll(second.store), before);
          assert.is(await second.store.headPosition(), head);
          await rejection(second.store.append('durable', events(1), 0n), WrongExpectedRevision);
          const more = await second.store.append('durable', events(1), 3n);
          assert.is(more.revision, 4n);
          assert.ok(more.position > head);
        } finally {
          await second.close();
        }
      } finally {
        if (!closed) await first.close();
      }
    });
  }

  test.run();
}

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
    return guard(this.#iterator.next(), 'the subscription delivered nothing');
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

const guard = <T>(promise: Promise<T>, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${deliveryGuardMs} ms`)), deliveryGuardMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: { type }, metadata: { at: 'test' } });
const events = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'Tested', data: { i }, metadata: { n: i } }));
const ids = (list: readonly NewEvent[]) => list.map((e) => e.eventId);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

const assertIncreasing = (positions: readonly bigint[]) => {
  positions.forEach((position, i) => {
    if (i > 0) assert.ok(position > positions[i - 1]!, `position ${position} does not follow ${positions[i - 1]}`);
  });
};
