/**
 * Reads through the real client: paging at page boundaries, what `$all`
 * leaves out (system events, the key store's streams), the inclusive and
 * exclusive ends of positions, and failures while reading.
 */
import { binaryEvent, jsonEvent } from '@eventstore/db-client';
import { StoreFailure, StoreUnavailable } from '@providers/store';
import * as assert from 'uvu/assert';
import { collect, ids, newEvents, rejection } from './support/fixtures.js';
import { serverSuite } from './support/server-suite.js';

const test = serverSuite('reads');

test('readStream pages through a stream from any revision, pages never empty nor over the page size', async ({ store }) => {
  const batch = newEvents(5);
  await store.append('paged', batch, 0n);
  for (const after of [0n, 1n, 2n, 3n, 4n, 5n, 6n]) {
    const pages: (readonly unknown[])[] = [];
    const read = [];
    for await (const page of store.readStream('paged', { after })) {
      pages.push(page);
      read.push(...page);
    }
    assert.ok(pages.every((page) => page.length > 0 && page.length <= 2), `pages after ${after}`);
    assert.equal(ids(read), ids(batch.slice(Number(after))), `events after ${after}`);
  }
});

test('readAll continues strictly after `after` and stops at `upTo`, across page boundaries', async ({ store }) => {
  for (const stream of ['a', 'b', 'c', 'd', 'e']) await store.append(stream, newEvents(1), 0n);
  const all = await collect(store.readAll());
  const positions = all.map((event) => event.position);
  for (let from = 0; from <= all.length; from++) {
    const after = from === 0 ? 0n : positions[from - 1]!;
    assert.equal(ids(await collect(store.readAll({ after }))), ids(all.slice(from)), `after event ${from}`);
    for (let to = from; to < all.length; to++) {
      assert.equal(ids(await collect(store.readAll({ after, upTo: positions[to]! }))), ids(all.slice(from, to + 1)));
    }
  }
});

test('$all in the log leaves out system streams, system event types and the key store, also for headPosition', async ({ store, raw }) => {
  await store.append('visible-1', newEvents(1), 0n);
  await raw.appendToStream('$system-stream', jsonEvent({ type: 'Something', data: {} }));
  await raw.appendToStream('visible-2', jsonEvent({ type: '$system-type', data: {} }));
  const visible = newEvents(1);
  await store.append('visible-2', visible, 'any');
  await raw.appendToStream('providers-key-k1', jsonEvent({ type: 'DataKeyStored', data: { masterKeyId: 'm', wrapped: '' } }));
  await raw.appendToStream('$more-system', jsonEvent({ type: 'Something', data: {} }));
  await raw.appendToStream('$and-more', jsonEvent({ type: 'Something', data: {} }));
  const all = await collect(store.readAll());
  assert.equal(all.map((event) => event.stream), ['visible-1', 'visible-2']);
  assert.is(await store.headPosition(), all[1]!.position, 'the head is the last event of the log, not of the database');
  assert.equal(ids(await collect(store.readAll({ after: all[0]!.position }))), ids(visible));
});

test('a missing stream reads as nothing; a tombstoned one fails with StoreFailure, for reads and appends', async ({ store, raw }) => {
  assert.equal(await collect(store.readStream('never')), []);
  await store.append('buried', newEvents(1), 0n);
  await raw.tombstoneStream('buried');
  await rejection(collect(store.readStream('buried')), StoreFailure);
  await rejection(store.append('buried', newEvents(1), 'any'), StoreFailure);
});

test('an event that is not JSON fails the read with StoreFailure', async ({ store, raw }) => {
  await raw.appendToStream('binary', binaryEvent({ type: 'Raw', data: Uint8Array.from([0xff, 0x00, 0x13]) }));
  await rejection(collect(store.readStream('binary')), StoreFailure);
});

test('a read that fails while the server is unavailable is retried, then fails with StoreUnavailable', async ({ server, store }) => {
  const batch = newEvents(5);
  await store.append('shaky', batch, 0n);
  server.faults.unavailable = 2;
  assert.equal(ids(await collect(store.readStream('shaky'))), ids(batch));
  assert.is(server.faults.unavailable, 0);
  server.faults.unavailable = 100;
  await rejection(collect(store.readAll()), StoreUnavailable);
  await rejection(store.headPosition(), StoreUnavailable);
  server.faults.unavailable = 0;
  assert.equal(ids(await collect(store.readAll())), ids(batch));
});

test('a killed server makes reads fail with StoreUnavailable, not hang', async ({ server, store }) => {
  await store.append('killed', newEvents(1), 0n);
  server.kill();
  await rejection(collect(store.readStream('killed')), StoreUnavailable);
  await rejection(store.headPosition(), StoreUnavailable);
});

test.run();
