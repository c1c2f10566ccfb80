/**
 * Appends through the real client, over both of its paths (BatchAppend on
 * servers that advertise it, Append on older ones): the revision mapping at
 * its edges, idempotent retries, conflicts, and transient failures.
 */
import { StoreFailure, StoreUnavailable, WrongExpectedRevision } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EsdbEventStore } from '../src/index.js';
import { collect, ids, newEvents, rejection } from './support/fixtures.js';
import { startTestEsdbServer, type TestEsdbServer } from './support/test-esdb-server.js';

for (const batchAppend of [true, false]) {
  const test = suite<{ server: TestEsdbServer; store: EsdbEventStore }>(`appends through ${batchAppend ? 'BatchAppend' : 'Append'}`);

  test.before.each(async (context) => {
    context.server = await startTestEsdbServer({ batchAppend });
    context.store = EsdbEventStore.connect(context.server.connectionString, { retry: { attempts: 3, initialDelayMs: 10 } });
  });
  test.after.each(async ({ server, store }) => {
    await store.close();
    await server.stop();
  });

  test('port revisions are EventStoreDB event numbers plus one, in both directions', async ({ server, store }) => {
    assert.is((await store.append('edge', newEvents(1), 0n)).revision, 1n);
    assert.equal(
      server.log.recordsAfter('start').filter((record) => record.stream === 'edge').map((record) => record.revision),
      [0n],
      'the first event is event number 0 on the server',
    );
    assert.is((await store.append('edge', newEvents(2), 1n)).revision, 3n);
    assert.equal((await collect(store.readStream('edge'))).map((event) => event.revision), [1n, 2n, 3n]);
    assert.equal((await collect(store.readStream('edge', { after: 3n }))).length, 0);
    assert.equal((await collect(store.readStream('edge', { after: 2n }))).map((event) => event.revision), [3n]);
  });

  test('expected revision 0n means "no stream", and the actual revision of a missing stream is 0n', async ({ store }) => {
    const missing = await rejection(store.append('missing', newEvents(1), 1n), WrongExpectedRevision);
    assert.is(missing.actual, 0n);
    assert.is(missing.expected, 1n);
    await store.append('present', newEvents(2), 0n);
    const present = await rejection(store.append('present', newEvents(1), 0n), WrongExpectedRevision);
    assert.is(present.actual, 2n);
    assert.is(present.expected, 0n);
    assert.is((await store.append('present', newEvents(1), 'any')).revision, 3n);
  });

  test('a negative expected revision is refused before anything is sent', async ({ server, store }) => {
    await rejection(store.append('negative', newEvents(1), -1n), StoreFailure);
    assert.is(server.stats.appendRequests, 0);
  });

  test('re-appending the same event ids at the same expected revision succeeds and stores them once', async ({ server, store }) => {
    const batch = newEvents(3);
    const first = await store.append('retried', batch, 0n);
    const again = await store.append('retried', batch, 0n);
    assert.equal(again, first);
    const atAny = await store.append('retried', batch, 'any');
    assert.equal(atAny, first);
    assert.equal(ids(await collect(store.readStream('retried'))), ids(batch));
    assert.is(server.log.recordsAfter('start').filter((record) => record.stream === 'retried').length, 3);
    // Other ids at the old expected revision are a conflict, not a retry.
    await rejection(store.append('retried', newEvents(3), 0n), WrongExpectedRevision);
  });

  test('an append whose answer was lost is retried, and lands once', async ({ server, store }) => {
    await store.append('lost', newEvents(1), 0n);
    const batch = newEvents(2);
    server.faults.loseAppendAnswers = 1;
    const result = await store.append('lost', batch, 1n);
    assert.is(result.revision, 3n);
    assert.is(server.stats.appendRequests, 3, 'the first append, the lost one, and its retry');
    assert.equal(ids(await collect(store.readStream('lost', { after: 1n }))), ids(batch));
    assert.is(result.position, (await collect(store.readAll())).at(-1)!.position);
  });

  test('unavailable is retried with bounded backoff, then reported as StoreUnavailable', async ({ server, store }) => {
    server.faults.unavailable = 2;
    assert.is((await store.append('flaky', newEvents(1), 0n)).revision, 1n);
    server.faults.unavailable = 100;
    const requestsBefore = server.stats.appendRequests;
    await rejection(store.append('flaky', newEvents(1), 1n), StoreUnavailable);
    assert.is(server.stats.appendRequests - requestsBefore, 3, 'three attempts, no more');
    server.faults.unavailable = 0;
    assert.equal((await collect(store.readStream('flaky'))).length, 1);
  });

  test('two writers at the same expected revision: one wins, the other gets WrongExpectedRevision, and it is not retried', async ({ server, store }) => {
    await store.append('contended', newEvents(2), 0n);
    const requestsBefore = server.stats.appendRequests;
    const [left, right] = [newEvents(1), newEvents(2)];
    const outcomes = await Promise.allSettled([store.append('contended', left, 2n), store.append('contended', right, 2n)]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    assert.is(won.length, 1);
    assert.is(lost.length, 1);
    assert.instance(lost[0], WrongExpectedRevision);
    const winner = outcomes[0]!.status === 'fulfilled' ? left : right;
    assert.is((lost[0] as WrongExpectedRevision).actual, 2n + BigInt(winner.length));
    assert.is(server.stats.appendRequests - requestsBefore, 2);
    assert.equal(ids(await collect(store.readStream('contended', { after: 2n }))), ids(winner));
  });

  test("streams of EventStoreDB ('$') and of the key store are refused", async ({ server, store }) => {
    await rejection(store.append('$system', newEvents(1), 'any'), StoreFailure);
    await rejection(store.append('providers-key-k1', newEvents(1), 'any'), StoreFailure);
    assert.is(server.stats.appendRequests, 0);
  });

  test('an event id that is not a UUID is refused', async ({ server, store }) => {
    await rejection(store.append('ids', [{ ...newEvents(1)[0]!, eventId: 'event-1' }], 0n), StoreFailure);
    assert.is(server.stats.appendRequests, 0);
  });

  test('a closed store refuses appends with StoreUnavailable', async ({ store }) => {
    await store.close();
    await rejection(store.append('closed', newEvents(1), 0n), StoreUnavailable);
  });

  test.run();
}
