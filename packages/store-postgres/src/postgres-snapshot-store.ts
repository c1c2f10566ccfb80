import { SNAPSHOTS_KEPT, StoreUnavailable, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from '@providers/store';
import { PostgresDatabase } from './postgres-database.js';
import type { PostgresOpenOptions } from './postgres-location.js';

type InfoRow = [position: string, revision: string, eventId: string, eventTime: string, schemaVersion: number, foldVersion: number];
type SnapshotRow = [...InfoRow, data: Buffer];
const INFO_COLUMNS = 'position, revision, event_id, event_time, schema_version, fold_version';

/**
 * Snapshots and projection checkpoints in the `snapshots` and `checkpoints`
 * tables of the store's schema, beside the log they fold. A snapshot's text
 * is kept as UTF-8 bytes, so that it comes back exactly as saved whatever it
 * holds; saving drops the name's snapshots beyond the newest `SNAPSHOTS_KEPT`
 * in the same transaction.
 */
export class PostgresSnapshotStore implements SnapshotStore {
  readonly #db: PostgresDatabase;
  #closed = false;

  /** Connects to `url` (`postgres://…`), creating or migrating the schema on first use. */
  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresSnapshotStore> {
    return new PostgresSnapshotStore(await PostgresDatabase.open(url, options));
  }

  /** A snapshot store on a database that other stores may share (see `openPostgresStores`). */
  constructor(db: PostgresDatabase) {
    this.#db = db.retain();
  }

  async save(snapshot: Snapshot): Promise<void> {
    const action = `save a snapshot of ${snapshot.name}`;
    this.#assertOpen(action);
    const s = this.#db.schema;
    await this.#db.withClient(action, async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO ${s}.snapshots (name, ${INFO_COLUMNS}, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (name, position) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id, event_time = excluded.event_time,
             schema_version = excluded.schema_version, fold_version = excluded.fold_version, data = excluded.data`,
          [
            snapshot.name,
            snapshot.position.toString(),
            snapshot.revision.toString(),
            snapshot.eventId,
            snapshot.eventTime,
            snapshot.schemaVersion,
            snapshot.foldVersion,
            Buffer.from(snapshot.data, 'utf8'),
          ],
        );
        await client.query(
          `DELETE FROM ${s}.snapshots WHERE name = $1 AND position NOT IN (SELECT position FROM ${s}.snapshots WHERE name = $1 ORDER BY position DESC LIMIT $2)`,
          [snapshot.name, SNAPSHOTS_KEPT],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async load(name: string, options: LoadSnapshotOptions = {}): Promise<Snapshot | undefined> {
    const action = `load a snapshot of ${name}`;
    this.#assertOpen(action);
    const bound = options.atOrBefore === undefined ? '' : ' AND position <= $2';
    const rows = await this.#db.rows<SnapshotRow>(
      action,
      `SELECT ${INFO_COLUMNS}, data FROM ${this.#db.schema}.snapshots WHERE name = $1${bound} ORDER BY position DESC LIMIT 1`,
      options.atOrBefore === undefined ? [name] : [name, options.atOrBefore.toString()],
    );
    const row = rows[0];
    return row && { ...toInfo(name, row), data: row[6].toString('utf8') };
  }

  async list(name: string): Promise<readonly SnapshotInfo[]> {
    const action = `list the snapshots of ${name}`;
    this.#assertOpen(action);
    const rows = await this.#db.rows<InfoRow>(action, `SELECT ${INFO_COLUMNS} FROM ${this.#db.schema}.snapshots WHERE name = $1 ORDER BY position`, [name]);
    return rows.map((row) => toInfo(name, row));
  }

  async loadCheckpoint(name: string): Promise<bigint | undefined> {
    const action = `load the checkpoint of ${name}`;
    this.#assertOpen(action);
    const rows = await this.#db.rows<[string]>(action, `SELECT position FROM ${this.#db.schema}.checkpoints WHERE name = $1`, [name]);
    return rows[0] && BigInt(rows[0][0]);
  }

  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    const action = `save the checkpoint of ${name}`;
    this.#assertOpen(action);
    await this.#db.rows(
      action,
      `INSERT INTO ${this.#db.schema}.checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      [name, position.toString()],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.release();
  }

  #assertOpen(action: string): void {
    if (this.#closed) throw new StoreUnavailable(`the PostgreSQL snapshot store at ${this.#db.location.display} is closed: cannot ${action}`);
  }
}

const toInfo = (name: string, [position, revision, eventId, eventTime, schemaVersion, foldVersion]: InfoRow | SnapshotRow): SnapshotInfo => ({
  name,
  position: BigInt(position),
  revision: BigInt(revision),
  eventId,
  eventTime,
  schemaVersion,
  foldVersion,
});
