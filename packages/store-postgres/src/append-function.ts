import { channelOf, literal, lockKey, LOCKS, quoted } from './sql-names.js';

/**
 * The append, one function so that it is one round trip and holds the append
 * lock only while it runs and commits. Under the lock it looks for the
 * batch's event ids (a retry of a committed batch gets its result again; an
 * id stored elsewhere is refused), checks the expected revision (NULL: any),
 * inserts, and notifies the channel. The lock is what makes the global order
 * safe to follow: positions are drawn and committed in the same order, so a
 * reader that sees position p sees every position before it. Migration 1
 * creates it: a change to it is a new migration (CREATE OR REPLACE), never an
 * edit of this text that older schemas would not get.
 */
export function appendFunctionSql(schema: string): string {
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
      PERFORM pg_advisory_xact_lock(${lockKey(schema, LOCKS.append)});
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
