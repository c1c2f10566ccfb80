import { StoreFailure } from '@providers/store';

/** How the PostgreSQL stores are opened. */
export interface PostgresOpenOptions {
  /**
   * The PostgreSQL schema (namespace) that holds the store's tables, created
   * on first use. Default `providers`, or the URL's `schema` parameter. Several
   * stores can share one database in schemas of their own.
   */
  readonly schema?: string;
  /** Follow other writers through LISTEN/NOTIFY. Default true; off behind a pooler that cannot LISTEN (PgBouncer in transaction mode). */
  readonly listen?: boolean;
  /** How often a live subscription also polls for new events. Default 1000 ms (with LISTEN), the fallback when a notification is missed. */
  readonly pollIntervalMs?: number;
  /** The most events in one page of a read. Default 1000. */
  readonly pageSize?: number;
  /** The most connections the stores open at once. Default 10. */
  readonly maxConnections?: number;
  /** How long to wait for a connection before failing with StoreUnavailable. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
}

/** Where the stores live: what `pg` connects with, and the names the store uses there. */
export interface PostgresLocation {
  /** The connection string for `pg`, without the store's own parameters. */
  readonly connectionString: string;
  /** The URL without its password, for messages. */
  readonly display: string;
  readonly schema: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Reads a `postgres://` / `postgresql://` URL and the options; the `schema` parameter is the store's own. */
export const postgresLocation = (url: string, options: PostgresOpenOptions = {}): PostgresLocation => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreFailure('the PostgreSQL store URL is not a URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME])');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreFailure(`the PostgreSQL store URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`);
  }
  const schema = options.schema ?? parsed.searchParams.get('schema') ?? 'providers';
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreFailure(`the PostgreSQL schema name ${JSON.stringify(schema)} must be 1–63 characters of a–z, 0–9 and _, not starting with a digit`);
  }
  parsed.searchParams.delete('schema');
  const connectionString = parsed.toString();
  parsed.password = '';
  return { connectionString, display: parsed.toString(), schema };
};
