// The contract of reads: readStream, readAll and its filters, pages, round-trips, and what callers cannot change.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, WrongExpectedRevision } from '../errors.js';
import type { EventStore, Json, RecordedEvent } from '../event-store.js';
import { assertIncreasing, event, events, ids, range } from './contract-events.js';
import { rejection } from './awaited.js';
import { pages, readAll, readStream } from './contract-reads.js';

/** Registers the read tests of the event-store contract on `test`. */
export const readContract = (test: Test, withStore: (body: (store: EventStore) => Promise<void>) => Promise<void>): void => {
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
};
