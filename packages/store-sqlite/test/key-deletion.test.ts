import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteStores, SqliteKeyStore } from '@providers/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-keys-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Whether `bytes` occur anywhere in the store file or its write-ahead log. */
const onDisk = (path: string, bytes: Uint8Array): boolean =>
  [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(Buffer.from(bytes)));

test('a deleted key leaves no trace of its bytes in the file or its write-ahead log', async () => {
  const path = join(dir, 'forget.db');
  const secret = new Uint8Array(randomBytes(48));
  const kept = new Uint8Array(randomBytes(48));
  const stores = openSqliteStores(path);
  await stores.events.append('s', [{ eventId: 'e', type: 'Tested', data: {}, metadata: {} }], 0n);
  await stores.keys.put('forgotten', { wrapped: secret, masterKeyId: 'm' });
  await stores.keys.put('kept', { wrapped: kept, masterKeyId: 'm' });
  await stores.close();
  // Closing checkpoints the log into the file: the key is in the main file now.
  assert.ok(onDisk(path, secret), 'the test cannot see the key it stored');

  // Another connection reads the file meanwhile, as a second process would.
  const reader = new Database(path, { readonly: true });
  const keys = SqliteKeyStore.open(path);
  try {
    await keys.delete('forgotten');
    assert.not.ok(onDisk(path, secret), 'the deleted key is still in the file');
    assert.ok(onDisk(path, kept), 'the key that was kept went missing');
    assert.equal([...(await keys.get('kept'))!.wrapped], [...kept]);
    assert.is(reader.prepare('SELECT count(*) FROM data_keys').pluck().get(), 1);
  } finally {
    await keys.close();
    reader.close();
  }
});

test('replacing a key leaves no trace of the old bytes', async () => {
  const path = join(dir, 'rotate.db');
  const before = new Uint8Array(randomBytes(48));
  const after = new Uint8Array(randomBytes(48));
  const keys = SqliteKeyStore.open(path);
  try {
    await keys.put('rotated', { wrapped: before, masterKeyId: 'old' });
    await keys.put('rotated', { wrapped: after, masterKeyId: 'new' });
  } finally {
    await keys.close();
  }
  assert.not.ok(onDisk(path, before), 'the replaced key is still in the file');
  assert.ok(onDisk(path, after));
});

test.run();
