import * as assert from 'uvu/assert';
import { WrongExpectedRevision } from '../errors.js';
import type { EventStore, NewEvent } from '../event-store.js';
import { rejection } from './awaited.js';
import { storeContract, type ContractOptions, type OpenedStore } from './contract-suite.js';
import { readAll, readStream } from './contract-reads.js';
import { assertIncreasing, event, events, ids, range } from './contract-events.js';
import { readContract } from './read-contract.js';
import { subscriptionContract } from './subscription-contract.js';
import { truncationContract } from './truncation-contract.js';

/** An event store opened for one contract test, and how to let go of it. */
export type OpenedEventStore = OpenedStore<EventStore>;

/** Optional abilities of the event store under test. */
export type EventStoreContractOptions<T extends OpenedEventStore> = ContractOptions<EventStore, T>;

/**
 * Registers the event-store contract as a uvu suite named `name` and runs it.
 * `open` must give a new, empty store for every test.
 */
export const eventStoreContract = storeContract<EventStore>(({ test, withStore, open, reopening }) => {
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

  readContract(test, withStore);
  subscriptionContract(test, withStore, open);

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

  if (reopening) {
    test('events survive closing and reopening the store, and appends carry on after them', () =>
      reopening(
        async (store) => {
          await store.append('durable', events(3), 0n);
          await store.append('other', events(1), 0n);
          return { before: await readAll(store), head: await store.headPosition() };
        },
        async (store, { before, head }) => {
          assert.equal(await readAll(store), before);
          assert.is(await store.headPosition(), head);
          await rejection(store.append('durable', events(1), 0n), WrongExpectedRevision);
          const more = await store.append('durable', events(1), 3n);
          assert.is(more.revision, 4n);
          assert.ok(more.position > head);
        },
      ));
  }
});
