import type pg from 'pg';
import { StoreFailure } from '@providers/store';
import { appendFunctionSql } from './append-function.js';
import { readFunctionsSql } from './read-functions.js';
import { lockKey, LOCKS, quoted } from './sql-names.js';

/** The schema version this code writes and reads, kept in the `schema_version` table. */
export const schemaVersion = 2;

/**
 * The migrations, one per version: `migrations[n - 1]` takes a schema from
 * version n - 1 to n. Never edit a released one; add the next.
 */
const migrations: readonly ((schema: string) => string)[] = [
  (schema) => {
    const s = quoted(schema);
    return `
    -- COLLATE "C": stream names compare bytewise (code-point order), whatever the database's locale.
    CREATE TABLE ${s}.events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream text COLLATE "C" NOT NULL,
      revision bigint NOT NULL CHECK (revision > 0),
      event_id text NOT NULL UNIQUE,
      type text NOT NULL,
      -- json, not jsonb: kept as written (key order, number text, \\u0000), still validated.
      data json NOT NULL,
      metadata json NOT NULL,
      UNIQUE (stream, revision)
    );
    CREATE TABLE ${s}.data_keys (
      key_id text PRIMARY KEY,
      wrapped bytea NOT NULL,
      master_key_id text NOT NULL
    );
    ${appendFunctionSql(schema)}
  `;
  },
  (schema) => {
    const s = quoted(schema);
    return `
    -- Snapshot texts as UTF-8 bytes: given back exactly as saved, whatever characters they hold.
    CREATE TABLE ${s}.snapshots (
      name text COLLATE "C" NOT NULL,
      position bigint NOT NULL,
      revision bigint NOT NULL,
      event_id text NOT NULL,
      event_time text NOT NULL,
      schema_version integer NOT NULL,
      fold_version integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (name, position)
    );
    CREATE TABLE ${s}.checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL
    );
    ${readFunctionsSql(schema)}
  `;
  },
];

/**
 * Creates the schema on first use or migrates it to `schemaVersion`, under
 * an advisory lock so that processes opening a new database at once do it
 * once; refuses a schema written by a newer version of the code.
 */
export const ensureSchema = async (client: pg.ClientBase, schema: string): Promise<void> => {
  const s = quoted(schema);
  const current = async (): Promise<number> => {
    // A plain query of the catalog, not to_regclass: the lookup caches of a session in a transaction
    // miss a table that another session created meanwhile, a fresh snapshot does not.
    const found = await client.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = 'schema_version') AS exists`,
      [schema],
    );
    if (!found.rows[0]!.exists) return 0;
    return (await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_version`)).rows[0]?.version ?? 0;
  };
  const check = (version: number) => {
    if (version > schemaVersion) {
      throw new StoreFailure(`the PostgreSQL schema ${schema} has version ${version}; this version of the code reads up to ${schemaVersion}`);
    }
  };
  const found = await current();
  check(found);
  if (found === schemaVersion) return;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${lockKey(schema, LOCKS.migration)})`);
    // Under the lock, look again: another process may have migrated meanwhile.
    const version = await current();
    check(version);
    if (version === 0) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(`CREATE TABLE ${s}.schema_version (version integer NOT NULL)`);
      await client.query(`INSERT INTO ${s}.schema_version VALUES (0)`);
    }
    for (let next = version + 1; next <= schemaVersion; next++) await client.query(migrations[next - 1]!(schema));
    await client.query(`UPDATE ${s}.schema_version SET version = $1`, [schemaVersion]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
