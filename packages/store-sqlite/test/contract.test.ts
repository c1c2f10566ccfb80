import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, keyStoreContract, snapshotStoreContract } from '@providers/store/testing';
import { SqliteEventStore, SqliteKeyStore, SqliteSnapshotStore, openSqliteStores } from '@providers/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-contract-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `nested-${++files}`, 'store.db');

const openEvents = async (path = newFile(), pageSize?: number) => {
  const store = SqliteEventStore.open(path, pageSize === undefined ? {} : { pageSize });
  return { store, path, close: () => store.close() };
};
eventStoreContract('SqliteEventStore', () => openEvents(), { reopen: (closed) => openEvents(closed.path) });

// A small page size runs the paging paths on small data sets as well.
eventStoreContract('SqliteEventStore with pages of 7', () => openEvents(newFile(), 7));

// Events and keys sharing one connection: each store must work while the other is open.
eventStoreContract('openSqliteStores().events', async () => {
  const stores = openSqliteStores(newFile());
  return { store: stores.events, close: () => stores.close() };
});

const openKeys = async (path = newFile()) => {
  const store = SqliteKeyStore.open(path);
  return { store, path, close: () => store.close() };
};
keyStoreContract('SqliteKeyStore', () => openKeys(), { reopen: (closed) => openKeys(closed.path) });

keyStoreContract('openSqliteStores().keys', async () => {
  const stores = openSqliteStores(newFile());
  return { store: stores.keys, close: () => stores.close() };
});

const openSnapshots = async (path = newFile()) => {
  const store = SqliteSnapshotStore.open(path);
  return { store, path, close: () => store.close() };
};
snapshotStoreContract('SqliteSnapshotStore', () => openSnapshots(), { reopen: (closed) => openSnapshots(closed.path) });

snapshotStoreContract('openSqliteStores().snapshots', async () => {
  const stores = openSqliteStores(newFile());
  return { store: stores.snapshots, close: () => stores.close() };
});
