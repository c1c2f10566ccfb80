/**
 * Truncation as EventStoreDB knows it: a `$tb` mark in the stream's metadata, written through the
 * real client beside what the metadata already says; `$all` still holds the events below the mark
 * until a scavenge, and the log's reads leave them out.
 */
import * as assert from 'uvu/assert';
import { EsdbEventStore } from '../src/index.js';
import { collect, ids, newEvents } from './support/fixtures.js';
import { serverSuite } from './support/server-suite.js';

const test = serverSuite('truncation');

const log = 'providers-issuance-org-1';

test('the cut is a $tb in the stream metadata, kept beside the metadata already there', async ({ store, raw }) => {
  await store.append(log, newEvents(5), 0n);
  await raw.setStreamMetadata(log, { cacheControl: 60, owner: 'audit' });
  await store.truncateStreamBefore(log, 4n);
  const { metadata } = await raw.getStreamMetadata(log);
  assert.equal(metadata, { cacheControl: 60, owner: 'audit', truncateBefore: 3 });
  await store.truncateStreamBefore(log, 2n);
  assert.is((await raw.getStreamMetadata(log)).metadata?.truncateBefore, 3, 'a lower cut leaves the mark where it was');
  await store.truncateStreamBefore(log, 50n);
  assert.is((await raw.getStreamMetadata(log)).metadata?.truncateBefore, 4, 'never past the last event');
});

test('$all still holds the truncated events until a scavenge; the log leaves them out', async ({ store, raw }) => {
  const batch = newEvents(4);
  await store.append(log, batch, 0n);
  await store.truncateStreamBefore(log, 3n);
  const inAll = [];
  for await (const resolved of raw.readAll({ maxCount: 100 })) if (resolved.event?.streamId === log) inAll.push(resolved.event.id);
  assert.equal(inAll, ids(batch));
  assert.equal(ids(await collect(store.readAll())), ids(batch.slice(2)));
  assert.equal(ids(await collect(store.readStream(log))), ids(batch.slice(2)));
});

test('truncations at once all land: the mark ends at the highest cut', async ({ server, store, raw }) => {
  await store.append(log, newEvents(10), 0n);
  const others = [1, 2, 3].map(() => EsdbEventStore.connect(server.connectionString));
  try {
    await Promise.all([store.truncateStreamBefore(log, 8n), ...others.map((other, i) => other.truncateStreamBefore(log, BigInt(3 + i)))]);
  } finally {
    await Promise.all(others.map((other) => other.close()));
  }
  assert.is((await raw.getStreamMetadata(log)).metadata?.truncateBefore, 7);
  assert.equal((await collect(store.readStream(log))).map((event) => event.revision), [8n, 9n, 10n]);
});

test.run();
