import { SNAPSHOTS_KEPT, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from '@providers/store';
import { PostgresStore } from './postgres-store.js';

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
export class PostgresSnapshotStore extends PostgresStore implements SnapshotStore {
  protected readonly kind = 'snapshot store';

  async save(snapshot: Snapshot): Promise<void> {
    const action = `save a snapshot of ${snapshot.name}`;
    this.assertOpen(action);
    const s = this.db.schema;
    await this.db.withClient(action, async (client) => {
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
    this.assertOpen(action);
    const bound = options.atOrBefore === undefined ? '' : ' AND position <= $2';
    const rows = await this.db.rows<SnapshotRow>(
      action,
      `SELECT ${INFO_COLUMNS}, data FROM ${this.db.schema}.snapshots WHERE name = $1${bound} ORDER BY position DESC LIMIT 1`,
      options.atOrBefore === undefined ? [name] : [name, options.atOrBefore.toString()],
    );
    const row = rows[0];
    return row && { ...toInfo(name, row), data: row[6].toString('utf8') };
  }

  async list(name: string): Promise<readonly SnapshotInfo[]> {
    const action = `list the snapshots of ${name}`;
    this.assertOpen(action);
    const rows = await this.db.rows<InfoRow>(action, `SELECT ${INFO_COLUMNS} FROM ${this.db.schema}.snapshots WHERE name = $1 ORDER BY position`, [name]);
    return rows.map((row) => toInfo(name, row));
  }

  async loadCheckpoint(name: string): Promise<bigint | undefined> {
    const action = `load the checkpoint of ${name}`;
    this.assertOpen(action);
    const rows = await this.db.rows<[string]>(action, `SELECT position FROM ${this.db.schema}.checkpoints WHERE name = $1`, [name]);
    return rows[0] && BigInt(rows[0][0]);
  }

  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    const action = `save the checkpoint of ${name}`;
    this.assertOpen(action);
    await this.db.rows(
      action,
      `INSERT INTO ${this.db.schema}.checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      [name, position.toString()],
    );
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
