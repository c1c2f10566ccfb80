import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, type RecordedEvent } from '@providers/store';
import { openSqliteStores, schemaVersion } from '@providers/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-upgrade-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A file as version 1 of the schema wrote it, with one event: before snapshots lived in the store. */
const version1File = (): string => {
  const path = join(dir, `v1-${++files}.db`);
  const db = new Database(path);
  db.exec(`
    CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision)) STRICT;
    CREATE TABLE data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL, master_key_id TEXT NOT NULL) STRICT;
    INSERT INTO events (stream, revision, event_id, type, data, metadata) VALUES ('s', 1, 'e1', 'Tested', '{}', '{}');
  `);
  db.pragma('user_version = 1');
  db.close();
  return path;
};

const snapshot = { name: 's', position: 1n, revision: 1n, eventId: 'e1', eventTime: '2026-01-01T00:00:00.000Z', schemaVersion: 1, foldVersion: 1, data: '{}' };

test('a version 1 file is upgraded in place: its events stay, snapshots and checkpoints can be saved', async () => {
  const path = version1File();
  const stores = openSqliteStores(path);
  try {
    const events: RecordedEvent[] = [];
    for await (const page of stores.events.readAll()) events.push(...page);
    assert.equal(events.map((e) => e.eventId), ['e1']);
    await stores.snapshots.save(snapshot);
    await stores.snapshots.saveCheckpoint('read-models', 1n);
    assert.equal(await stores.snapshots.load('s'), snapshot);
  } finally {
    await stores.close();
  }
  const raw = new Database(path, { readonly: true });
  assert.is(raw.pragma('user_version', { simple: true }), schemaVersion);
  raw.close();
});

test('a version 1 file opened read-only reads its events and has no snapshots; saving one says why it cannot', async () => {
  const stores = openSqliteStores(version1File(), { readonly: true });
  try {
    assert.is(await stores.snapshots.load('s'), undefined);
    assert.is(await stores.snapshots.loadCheckpoint('read-models'), undefined);
    const error = await stores.snapshots.save(snapshot).then(() => undefined, (e: unknown) => e);
    assert.instance(error, StoreFailure);
    assert.match((error as Error).message, 'read-only with an older schema');
  } finally {
    await stores.close();
  }
});

test.run();
