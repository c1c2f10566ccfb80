import { quoted } from './sql-names.js';

/**
 * The reads as functions planned with an index scan in position (or
 * revision) order whatever the statistics say. A page is `ORDER BY … LIMIT n`
 * over a range: on a table that was filled faster than autovacuum analyses
 * it (a bulk import, a restore), the planner takes the range for small and
 * answers each page with a bitmap scan and a sort of the whole rest of the
 * log, which makes a replay quadratic. Switching those two plans off inside
 * the functions (and only there) leaves the index scan, which reads a page's
 * rows and stops.
 */
export function readFunctionsSql(schema: string): string {
  const s = quoted(schema);
  const columns = 'e.position, e.stream, e.revision, e.event_id, e.type, e.data::text, e.metadata::text';
  const returns = 'TABLE ("position" bigint, stream text, revision bigint, event_id text, type text, data text, metadata text)';
  const plans = 'SET enable_bitmapscan = off SET enable_sort = off';
  return `
    CREATE FUNCTION ${s}.read_all(p_after bigint, p_up_to bigint, p_limit integer, p_prefixes text[], p_types text[])
    RETURNS ${returns} LANGUAGE sql STABLE ${plans} AS $read$
      SELECT ${columns} FROM ${s}.events e
      WHERE e.position > p_after AND e.position <= p_up_to
        AND (p_prefixes IS NULL OR EXISTS (SELECT 1 FROM unnest(p_prefixes) AS p(prefix) WHERE starts_with(e.stream, p.prefix)))
        AND (p_types IS NULL OR e.type = ANY (p_types))
      ORDER BY e.position LIMIT p_limit
    $read$;
    CREATE FUNCTION ${s}.read_stream(p_stream text, p_after bigint, p_limit integer)
    RETURNS ${returns} LANGUAGE sql STABLE ${plans} AS $read$
      SELECT ${columns} FROM ${s}.events e
      WHERE e.stream = p_stream AND e.revision > p_after
      ORDER BY e.revision LIMIT p_limit
    $read$;
  `;
}
