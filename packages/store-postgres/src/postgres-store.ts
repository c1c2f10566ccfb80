import { ClosableStore } from '@providers/store';
import { PostgresDatabase } from './postgres-database.js';
import type { PostgresOpenOptions } from './postgres-location.js';

/** What the PostgreSQL key and snapshot stores share: a share of a database, released when the store closes. */
export abstract class PostgresStore extends ClosableStore {
  protected readonly db: PostgresDatabase;

  /** What the store is, as the message of a call refused after closing names it (`key store`). */
  protected abstract readonly kind: string;

  /** Connects to `url` (`postgres://…`), creating or migrating the schema on first use. */
  static async open<S>(this: new (db: PostgresDatabase) => S, url: string, options: PostgresOpenOptions = {}): Promise<S> {
    return new this(await PostgresDatabase.open(url, options));
  }

  /** A store on a database that other stores may share (see `openPostgresStores`). */
  constructor(db: PostgresDatabase) {
    super();
    this.db = db.retain();
  }

  protected closedMessage(action: string): string {
    return `the PostgreSQL ${this.kind} at ${this.db.location.display} is closed: cannot ${action}`;
  }

  protected release(): Promise<void> {
    return this.db.release();
  }
}
