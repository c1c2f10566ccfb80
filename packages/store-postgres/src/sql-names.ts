/** Names the store's SQL is written with: the schema as an identifier, literals, lock keys, the channel. */

/** A schema name as an identifier (names are checked to be [a-z0-9_] before they get here). */
export const quoted = (schema: string): string => `"${schema}"`;

/** A string as an SQL literal. */
export const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The advisory-lock class of this store's locks (the second key is a hash of the schema and the lock). */
const LOCK_CLASS = 0x70_72_76_31; // "prv1"

/** The locks the store takes, each per schema. */
export const LOCKS = {
  /** Taken by the append function: appends run one at a time. */
  append: 1,
  /** Held while the schema is created or migrated, so that two processes never migrate at once. */
  migration: 2,
} as const;

/** The two keys of `pg_advisory_xact_lock(int, int)` for one of a schema's locks, as SQL. */
export const lockKey = (schema: string, lock: number): string => `${LOCK_CLASS}, hashtext(${literal(`${schema}:${lock}`)})`;

/** The NOTIFY channel of a schema's appends. */
export const channelOf = (schema: string): string => `${schema}_events`;
