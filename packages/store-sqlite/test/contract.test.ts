import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterContracts } from '@providers/store/testing';
import { SqliteEventStore, SqliteKeyStore, SqliteSnapshotStore, openSqliteStores } from '@providers/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'providers-sqlite-contract-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// Every store at a new file in a directory not made yet; reopened, the same file.
adapterContracts({
  name: (kind) => `Sqlite${kind}`,
  fresh: () => join(dir, `nested-${++files}`, 'store.db'),
  reopened: (path) => path,
  events: (path, options) => SqliteEventStore.open(path, options),
  keys: (path) => SqliteKeyStore.open(path),
  snapshots: (path) => SqliteSnapshotStore.open(path),
  smallPages: 7,
  // Events, keys and snapshots sharing one connection.
  together: { name: 'openSqliteStores()', open: (path) => openSqliteStores(path) },
});
