import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreUnavailable, type RecordedEvent, type Subscription } from '@providers/store';
import { SqliteEventStore, openSqliteStores } from '@providers/store-sqlite';
import { startReadyProcess } from '@providers/store/testing';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-processes-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const writerScript = fileURLToPath(new URL('./fixtures/append-writer.ts', import.meta.url));

/** A writer process: resolves `ready` when its store is open, runs on `go()`, resolves `done` with its report. */
const startWriter = (path: string, stream: string, writer: string, count: number) =>
  startReadyProcess<{ retries: number }>(`writer ${writer}`, writerScript, [path, stream, writer, String(count)]);

const collect = async (subscription: Subscription, count: number): Promise<RecordedEvent[]> => {
  const delivered: RecordedEvent[] = [];
  for await (const message of subscription) {
    if (message.kind === 'events') delivered.push(...message.events);
    if (delivered.length >= count) break;
  }
  return delivered;
};

test('two processes appending to one stream with expected revisions lose and duplicate nothing', async () => {
  const path = join(dir, 'shared.db');
  const stream = 'providers-org-shared';
  const store = SqliteEventStore.open(path);
  try {
    // The other processes' appends reach this process's subscription only by polling.
    const live = collect(store.subscribeAll(), 1000);
    const writers = ['a', 'b'].map((writer) => startWriter(path, stream, writer, 500));
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.go();
    await Promise.all(writers.map((writer) => writer.done));

    const events: RecordedEvent[] = [];
    for await (const page of store.readStream(stream)) events.push(...page);
    assert.is(events.length, 1000);
    assert.equal(
      events.map((event) => event.revision),
      Array.from({ length: 1000 }, (_, i) => BigInt(i + 1)),
    );
    const expectedIds = ['a', 'b'].flatMap((writer) => Array.from({ length: 500 }, (_, i) => `${writer}-${i}`));
    assert.equal(events.map((event) => event.eventId).sort(), expectedIds.sort());
    // Each writer's own events are in the order it wrote them.
    for (const writer of ['a', 'b']) {
      const own = events.filter((event) => event.eventId.startsWith(`${writer}-`)).map((event) => (event.data as { i: number }).i);
      assert.equal(own, Array.from({ length: 500 }, (_, i) => i));
    }
    const delivered = await live;
    assert.equal(
      delivered.map((event) => event.eventId),
      events.map((event) => event.eventId),
    );
  } finally {
    await store.close();
  }
});

test('an append fails with StoreUnavailable, naming the file, when another connection holds the write lock', async () => {
  const path = join(dir, 'locked.db');
  const stores = openSqliteStores(path, { busyTimeoutMs: 200 });
  const event = (id: string) => ({ eventId: id, type: 'Tested', data: {}, metadata: {} });
  try {
    await stores.events.append('s', [event('first')], 0n);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const error = await stores.events.append('s', [event('second')], 1n).then(
        () => assert.unreachable('the append succeeded under a held lock'),
        (caught: unknown) => caught,
      );
      assert.instance(error, StoreUnavailable);
      const message = (error as StoreUnavailable).message;
      assert.ok(message.includes(path), message);
      assert.ok(message.includes('locked by another process'), message);
      const keyError = await stores.keys.put('k', { wrapped: Uint8Array.from([1]), masterKeyId: 'm' }).catch((caught: unknown) => caught);
      assert.instance(keyError, StoreUnavailable);
      // WAL: readers go on while the lock is held.
      const read: RecordedEvent[] = [];
      for await (const page of stores.events.readStream('s')) read.push(...page);
      assert.equal(read.map((e) => e.eventId), ['first']);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Nothing of the failed append was kept: the same append succeeds now.
    assert.is((await stores.events.append('s', [event('second')], 1n)).revision, 2n);
  } finally {
    await stores.close();
  }
});

test.run();
