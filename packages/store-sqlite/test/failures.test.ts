import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, StoreUnavailable, type EventStore, type RecordedEvent } from '@providers/store';
import { SqliteEventStore, SqliteKeyStore, openSqliteStores, schemaVersion } from '@providers/store-sqlite';
import { rejection } from '@providers/store/testing';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-failures-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${++files}.db`);

const event = (id: string, data: unknown = { id }) => ({ eventId: id, type: 'Tested', data: data as null, metadata: {} });
const readAll = async (store: EventStore) => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readAll()) events.push(...page);
  return events;
};
const failureOf = <E extends Error>(body: () => unknown, type: new (...args: never[]) => E): Promise<E> =>
  rejection(Promise.resolve().then(body), type);

test('a file in use is in WAL mode with the current schema version; its last writer hands it back in rollback mode', async () => {
  const path = newFile();
  (await SqliteEventStore.open(path).close());
  // Opening again must not try to create the schema twice.
  const inUse = SqliteKeyStore.open(path);
  const raw = new Database(path, { readonly: true });
  try {
    assert.is(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.is(raw.pragma('user_version', { simple: true }), schemaVersion);
  } finally {
    raw.close();
  }
  await inUse.close();
  // At rest, a reader that may not create the -shm file beside it can still read it.
  const atRest = new Database(path, { readonly: true });
  try {
    assert.is(atRest.pragma('journal_mode', { simple: true }), 'delete');
  } finally {
    atRest.close();
  }
});

// Tests run as root, where chmod 0444 does not stop writes: the read-only open option
// (SQLite's SQLITE_OPEN_READONLY) is what makes the file unwritable here.
test('a store opened read-only reads, and refuses writes with a StoreFailure that says why', async () => {
  const path = newFile();
  const writable = openSqliteStores(path);
  await writable.events.append('s', [event('e1')], 0n);
  await writable.keys.put('k', { wrapped: Uint8Array.from([1, 2]), masterKeyId: 'm' });
  await writable.close();
  chmodSync(path, 0o444);

  const readonly = openSqliteStores(path, { readonly: true });
  try {
    assert.equal((await readAll(readonly.events)).map((e) => e.eventId), ['e1']);
    assert.equal([...(await readonly.keys.get('k'))!.wrapped], [1, 2]);
    const error = await rejection(readonly.events.append('s', [event('e2')], 1n), StoreFailure);
    assert.ok(error.message.includes(path), error.message);
    assert.ok(error.message.includes('read-only'), error.message);
    await rejection(readonly.keys.put('k2', { wrapped: Uint8Array.from([3]), masterKeyId: 'm' }), StoreFailure);
    await rejection(readonly.keys.delete('k'), StoreFailure);
  } finally {
    await readonly.close();
  }
  chmodSync(path, 0o644);
  const again = SqliteEventStore.open(path);
  try {
    assert.equal((await readAll(again)).map((e) => e.eventId), ['e1']);
  } finally {
    await again.close();
  }
});

test('opening read-only a file that does not exist fails with StoreUnavailable naming the path', async () => {
  const path = join(dir, 'missing', 'store.db');
  const error = await failureOf(() => SqliteEventStore.open(path, { readonly: true }), StoreUnavailable);
  assert.ok(error.message.includes(path), error.message);
});

test('a directory that cannot be created fails the open with StoreUnavailable rather than hanging', async () => {
  const file = newFile();
  writeFileSync(file, '');
  const underFile = join(file, 'sub', 'store.db');
  const error = await failureOf(() => SqliteEventStore.open(underFile), StoreUnavailable);
  assert.ok(error.message.includes(underFile), error.message);
  // Under /proc, Node's recursive mkdir loops forever: the store must not use it.
  if (process.platform === 'linux') await failureOf(() => SqliteEventStore.open('/proc/no-such-dir/deeper/store.db'), StoreUnavailable);
});

test('opening a file that is not a database fails with StoreFailure naming the path', async () => {
  const path = newFile();
  writeFileSync(path, 'this is not a database, only text that is long enough to fill a header '.repeat(20));
  const error = await failureOf(() => SqliteEventStore.open(path), StoreFailure);
  assert.ok(error.message.includes(path), error.message);
});

test('a file written by a newer schema version is refused', async () => {
  const path = newFile();
  (await SqliteEventStore.open(path).close());
  const raw = new Database(path);
  raw.pragma(`user_version = ${schemaVersion + 1}`);
  raw.close();
  const error = await failureOf(() => SqliteEventStore.open(path), StoreFailure);
  assert.ok(error.message.includes(`schema version ${schemaVersion + 1}`), error.message);
});

test('an event whose stored JSON is broken is reported with its position, without the stored text', async () => {
  const path = newFile();
  const store = SqliteEventStore.open(path);
  try {
    await store.append('s', [event('e1'), event('e2'), event('e3')], 0n);
    const raw = new Database(path);
    raw.prepare("UPDATE events SET data = '{\"secret\": sealed-XYZ' WHERE event_id = 'e2'").run();
    raw.close();
    const position = (await store.headPosition()) - 1n;
    const error = await rejection(readAll(store), StoreFailure);
    assert.ok(error.message.includes(`position ${position}`), error.message);
    assert.not.ok(error.message.includes('sealed-XYZ'), error.message);
  } finally {
    await store.close();
  }
});

test('a duplicate event id is refused with StoreFailure naming the id, and nothing is appended', async () => {
  const store = SqliteEventStore.open(newFile());
  try {
    await store.append('a', [event('taken')], 0n);
    const error = await rejection(store.append('b', [event('fresh'), event('taken')], 0n), StoreFailure);
    assert.ok(error.message.includes('taken'), error.message);
    assert.equal((await readAll(store)).map((e) => e.eventId), ['taken']);
  } finally {
    await store.close();
  }
});

test('a closed store refuses calls with StoreUnavailable; the stores of one file close separately', async () => {
  const stores = openSqliteStores(newFile());
  await stores.events.close();
  await rejection(stores.events.append('s', [event('e')], 0n), StoreUnavailable);
  await rejection(stores.events.headPosition(), StoreUnavailable);
  await stores.keys.put('k', { wrapped: Uint8Array.from([1]), masterKeyId: 'm' });
  assert.equal(await stores.keys.list(), ['k']);
  await stores.close();
  await rejection(stores.keys.list(), StoreUnavailable);
});

test.run();
