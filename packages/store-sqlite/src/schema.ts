import type Database from 'better-sqlite3';
import { StoreFailure } from '@providers/store';

/** The schema version this code writes and reads, kept in SQLite's `user_version`. */
export const schemaVersion = 2;

// There is no separate `streams(stream, revision)` table: the UNIQUE (stream, revision)
// index answers "at which revision is this stream" in O(log n) and is the very constraint
// that guards appends, so a second table would only be one more write per append and a
// second truth to keep in step.
// STRICT tables refuse values of the wrong type instead of silently storing them.
const version1 = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE (stream, revision)
  ) STRICT;
  CREATE TABLE data_keys (
    key_id TEXT PRIMARY KEY,
    wrapped BLOB NOT NULL,
    master_key_id TEXT NOT NULL
  ) STRICT;
`;

// Snapshots and checkpoints live in the file whose log they fold: two store files in one
// folder can never read each other's, and copying or deleting the file takes them along.
const version2 = `
  CREATE TABLE snapshots (
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    event_time TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    fold_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (name, position)
  ) STRICT;
  CREATE TABLE checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT;
`;

/** What each version adds to the one before it (index 0 creates version 1). */
const migrations = [version1, version2];

/**
 * Creates the schema of a new file or brings an older file up to this
 * version, idempotently and safely when several processes open the same file
 * at once; refuses a file written by a newer version. A read-only connection
 * only checks (an older file reads without snapshots).
 */
export const ensureSchema = (db: Database.Database, path: string, readonly: boolean): void => {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  const check = (version: number) => {
    if (version > schemaVersion) {
      throw new StoreFailure(`the store at ${path} has schema version ${version}; this version of the code reads up to ${schemaVersion}`);
    }
  };
  const found = current();
  check(found);
  if (found === schemaVersion) return;
  if (readonly && found > 0) return;
  if (readonly) throw new StoreFailure(`the store at ${path} has no schema yet, and it was opened read-only`);
  // Under the write lock, look again: another process may have created the schema meanwhile.
  db.transaction(() => {
    const version = current();
    check(version);
    for (const migration of migrations.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
};
