/**
 * The key store over the test server: how keys are kept (one stream per key,
 * soft-deleted on delete), that the event log never sees them, and its
 * failures.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { KeyDeleted, StoreFailure, StoreUnavailable } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EsdbEventStore, EsdbKeyStore } from '../src/index.js';
import { collect, newEvents, rejection } from './support/fixtures.js';
import { startTestEsdbServer, type TestEsdbServer } from './support/test-esdb-server.js';

const test = suite<{ server: TestEsdbServer; keys: EsdbKeyStore }>('EsdbKeyStore');

test.before.each(async (context) => {
  context.server = await startTestEsdbServer();
  context.keys = EsdbKeyStore.connect(context.server.connectionString, { retry: { attempts: 3, initialDelayMs: 10 } });
});
test.after.each(async ({ server, keys }) => {
  await keys.close();
  await server.stop();
});

const key = (bytes: number[], masterKeyId = 'master') => ({ wrapped: Uint8Array.from(bytes), masterKeyId });

test('each key is a stream; delete soft-deletes it, and a key put again after that is read again', async ({ server, keys }) => {
  await keys.put('k1', key([1, 2]));
  await keys.put('k1', key([3]));
  await keys.delete('k1');
  const records = server.log.recordsAfter('start');
  assert.equal(
    records.filter((record) => record.stream === 'providers-key-k1').map((record) => record.revision),
    [0n, 1n],
  );
  const metadata = records.filter((record) => record.stream === '$$providers-key-k1');
  assert.equal(metadata.map((record) => [record.type, JSON.parse(Buffer.from(record.data).toString('utf8'))]), [['$metadata', { $tb: 2 }]]);
  assert.is(await keys.get('k1'), undefined);
  assert.equal(await keys.list(), []);
  await keys.put('k1', key([4], 'rotated'));
  assert.equal(await keys.get('k1'), key([4], 'rotated'));
  assert.equal(await keys.list(), ['k1']);
});

test('putIfAbsent creates the stream expecting none; on a soft-deleted key id it refuses with KeyDeleted and writes nothing', async ({ server, keys }) => {
  assert.equal(await keys.putIfAbsent('k1', key([1])), key([1]));
  assert.equal(await keys.putIfAbsent('k1', key([2])), key([1]));
  await keys.delete('k1');
  const before = server.log.lastPosition;
  const error = await rejection(keys.putIfAbsent('k1', key([3])), KeyDeleted);
  assert.is(error.keyId, 'k1');
  assert.match(error.message, 'k1');
  assert.is(server.log.lastPosition, before);
  assert.is(await keys.get('k1'), undefined);
});

test('a key deleted where the metadata check cannot see it: the append lands after the deleted events, is deleted again, KeyDeleted', async ({ server, keys }) => {
  await keys.putIfAbsent('k1', key([1]));
  await keys.delete('k1');
  // As if the deletion happened between the metadata check and the append: the metadata no longer says so.
  const raw = EventStoreDBClient.connectionString(server.connectionString);
  try {
    await raw.setStreamMetadata('providers-key-k1', {});
  } finally {
    await raw.dispose();
  }
  await rejection(keys.putIfAbsent('k1', key([2])), KeyDeleted);
  assert.is(await keys.get('k1'), undefined);
  assert.equal(await keys.list(), []);
});

test('deleting a key that was never stored writes nothing', async ({ server, keys }) => {
  const before = server.log.lastPosition;
  await keys.delete('never');
  assert.is(server.log.lastPosition, before);
});

test('the event log does not see keys: not in readAll, headPosition or subscriptions', async ({ server, keys }) => {
  const store = EsdbEventStore.connect(server.connectionString);
  try {
    const events = newEvents(2);
    const { position } = await store.append('log', events, 0n);
    await keys.put('k1', key([1]));
    await keys.delete('k1');
    assert.equal((await collect(store.readAll())).map((event) => event.eventId), events.map((event) => event.eventId));
    assert.is(await store.headPosition(), position);
    const subscription = store.subscribeAll();
    for await (const message of subscription) {
      if (message.kind === 'caught-up') break;
      assert.ok(message.events.every((event) => event.stream === 'log'));
    }
  } finally {
    await store.close();
  }
});

test('a key stream holding something else fails with StoreFailure', async ({ server, keys }) => {
  const raw = EventStoreDBClient.connectionString(server.connectionString);
  try {
    await raw.appendToStream('providers-key-odd', jsonEvent({ type: 'SomethingElse', data: { hello: 'world' } }));
  } finally {
    await raw.dispose();
  }
  await rejection(keys.get('odd'), StoreFailure);
});

test('transient failures are retried; a dead server gives StoreUnavailable', async ({ server, keys }) => {
  server.faults.unavailable = 2;
  await keys.put('k1', key([1]));
  server.faults.unavailable = 2;
  assert.equal(await keys.list(), ['k1']);
  server.kill();
  await rejection(keys.get('k1'), StoreUnavailable);
  await rejection(keys.put('k2', key([2])), StoreUnavailable);
  await rejection(keys.putIfAbsent('k2', key([2])), StoreUnavailable);
  await rejection(keys.list(), StoreUnavailable);
});

test('a closed key store refuses every call with StoreUnavailable', async ({ keys }) => {
  await keys.close();
  await rejection(keys.get('k'), StoreUnavailable);
  await rejection(keys.put('k', key([1])), StoreUnavailable);
  await rejection(keys.putIfAbsent('k', key([1])), StoreUnavailable);
  await rejection(keys.delete('k'), StoreUnavailable);
  await rejection(keys.list(), StoreUnavailable);
});

test.run();
