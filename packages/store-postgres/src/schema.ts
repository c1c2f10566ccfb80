import type pg from 'pg';
import { StoreFailure } from '@providers/store';

/** The schema version this code writes and reads, kept in the `schema_version` table. */
export const schemaVersion = 1;

/** The advisory-lock class of this store's locks (the second key is the schema's hash). */
export const LOCK_CLASS = 0x70_72_76_31; // "prv1"
/** Lock of the append function: appends run one at a time (see `appendSql`). */
const APPEND_LOCK = 1;
/** Lock held while the schema is created or migrated, so that two processes never migrate at once. */
const MIGRATION_LOCK = 2;

const lockKey = (schema: string, lock: number) => `${LOCK_CLASS}, hashtext(${literal(`${schema}:${lock}`)})`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** A schema name as an identifier (names are checked to be [a-z0-9_] before they get here). */
export const quoted = (schema: string) => `"${schema}"`;

/** The NOTIFY channel of a schema's appends. */
export const channelOf = (schema: string): string => `${schema}_events`;

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
    ${appendSql(schema)}
  `;
  },
];

/**
 * The append, one function so that it is one round trip and holds the append
 * lock only while it runs and commits. Under the lock it looks for the
 * batch's event ids (a retry of a committed batch gets its result again; an
 * id stored elsewhere is refused), checks the expected revision (NULL: any),
 * inserts, and notifies the channel. The lock is what makes the global order
 * safe to follow: positions are drawn and committed in the same order, so a
 * reader that sees position p sees every position before it.
 */
function appendSql(schema: string): string {
  const s = quoted(schema);
  return `
    CREATE FUNCTION ${s}.append_events(p_stream text, p_expected bigint, p_ids text[], p_types text[], p_data json[], p_metadata json[])
    RETURNS TABLE (outcome text, stream_revision bigint, last_position bigint, taken_id text)
    LANGUAGE plpgsql AS $append$
    DECLARE
      n int := cardinality(p_ids);
      head_revision bigint;
      taken int;
      base_low bigint;
      base_high bigint;
      same_stream boolean;
      last_pos bigint;
      first_taken text;
    BEGIN
      PERFORM pg_advisory_xact_lock(${lockKey(schema, APPEND_LOCK)});
      SELECT count(*), min(e.revision - o.i), max(e.revision - o.i), bool_and(e.stream = p_stream), max(e.position), min(o.id)
        INTO taken, base_low, base_high, same_stream, last_pos, first_taken
        FROM unnest(p_ids) WITH ORDINALITY AS o(id, i) JOIN ${s}.events e ON e.event_id = o.id;
      IF taken > 0 THEN
        IF taken = n AND same_stream AND base_low = base_high AND (p_expected IS NULL OR p_expected = base_low) THEN
          RETURN QUERY SELECT 'retried'::text, base_low + n, last_pos, NULL::text;
        ELSE
          RETURN QUERY SELECT 'id-taken'::text, NULL::bigint, NULL::bigint, first_taken;
        END IF;
        RETURN;
      END IF;
      SELECT coalesce(max(e.revision), 0) INTO head_revision FROM ${s}.events e WHERE e.stream = p_stream;
      IF p_expected IS NOT NULL AND p_expected <> head_revision THEN
        RETURN QUERY SELECT 'wrong-revision'::text, head_revision, NULL::bigint, NULL::text;
        RETURN;
      END IF;
      WITH inserted AS (
        INSERT INTO ${s}.events (stream, revision, event_id, type, data, metadata)
        SELECT p_stream, head_revision + o.i, o.id, o.type, o.data, o.metadata
          FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS o(id, type, data, metadata, i) ORDER BY o.i
        RETURNING position
      )
      SELECT max(position) INTO last_pos FROM inserted;
      PERFORM pg_notify(${literal(channelOf(schema))}, last_pos::text);
      RETURN QUERY SELECT 'appended'::text, head_revision + n, last_pos, NULL::text;
    END
    $append$;
  `;
}

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
    await client.query(`SELECT pg_advisory_xact_lock(${lockKey(schema, MIGRATION_LOCK)})`);
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
