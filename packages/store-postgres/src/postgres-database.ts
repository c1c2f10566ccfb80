import pg from 'pg';
import { ChangeSignal, StoreUnavailable, isStoreError } from '@providers/store';
import { ChangeListener } from './change-listener.js';
import { isTransient, toStoreError } from './pg-errors.js';
import { postgresLocation, type PostgresLocation, type PostgresOpenOptions } from './postgres-location.js';
import { ensureSchema } from './schema.js';
import { channelOf, quoted } from './sql-names.js';

/**
 * Pauses before each new try of a call that failed on a lost connection: a
 * pool's idle connections all fail once after a server restart, and a
 * restart takes a second or two. Bounded, so that a server that is down
 * fails the call (StoreUnavailable) in about two seconds.
 */
const RETRY_DELAYS_MS = [100, 400, 1600];

/**
 * The connection pool of one PostgreSQL schema, shared by the stores opened
 * on it (closed when the last of them closes): the schema ensured once,
 * calls retried over lost connections and their errors typed, and the
 * change signal that live subscriptions wait on.
 */
export class PostgresDatabase {
  readonly location: PostgresLocation;
  /** The schema as a quoted identifier, for SQL text. */
  readonly schema: string;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  /** Signalled after this process's appends and at every notification of the schema's channel. */
  readonly changes = new ChangeSignal();
  readonly #pool: pg.Pool;
  readonly #listener: ChangeListener | undefined;
  #users = 0;
  #closed = false;

  private constructor(location: PostgresLocation, options: PostgresOpenOptions) {
    this.location = location;
    this.schema = quoted(location.schema);
    this.pageSize = Math.max(1, options.pageSize ?? 1000);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#pool = new pg.Pool({
      connectionString: location.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'providers',
    });
    // An idle connection that the server closed (a restart) is dropped by the pool; the next call gets a new one.
    this.#pool.on('error', () => undefined);
    this.#listener = options.listen === false ? undefined : new ChangeListener(location.connectionString, channelOf(location.schema), this.changes, connectTimeoutMs);
  }

  /** Connects to `url`, creating or migrating the store's schema there on first use. */
  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresDatabase> {
    const database = new PostgresDatabase(postgresLocation(url, options), options);
    try {
      await database.withClient('open the store', (client) => ensureSchema(client, database.location.schema));
    } catch (error) {
      await database.#pool.end().catch(() => undefined);
      throw error;
    }
    return database;
  }

  /** One more store uses this database. */
  retain(): this {
    this.#users += 1;
    return this;
  }

  /** A store let go of the database; the last one closes the pool and the listener. */
  async release(): Promise<void> {
    this.#users -= 1;
    if (this.#users > 0 || this.#closed) return;
    this.#closed = true;
    await this.#listener?.stop();
    await this.#pool.end();
  }

  /** Starts following the schema's channel (on the first live subscription). */
  listen(): void {
    this.#listener?.start();
  }

  /** One statement on a pooled connection; rows as arrays. */
  async rows<R extends unknown[]>(action: string, text: string, values: readonly unknown[] = []): Promise<R[]> {
    return this.#retrying(action, async () => (await this.#pool.query<R>({ text, values: [...values], rowMode: 'array' })).rows);
  }

  /** Several statements on one connection (e.g. a transaction the body runs). */
  async withClient<T>(action: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.#retrying(action, async () => {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        return await body(client);
      } catch (error) {
        // A connection that failed in the middle (its transaction in an unknown state) is not
        // given back to the pool; a typed error is a decision the body made after cleaning up.
        if (!isStoreError(error)) broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  async #retrying<T>(action: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) throw new StoreUnavailable(`the PostgreSQL store at ${this.location.display} is closed: cannot ${action}`);
      try {
        return await call();
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isTransient(error) || this.#closed) throw toStoreError(error, this.location.display, action);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
