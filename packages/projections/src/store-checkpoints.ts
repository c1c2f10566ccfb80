import type { Json, SnapshotStore as StoreSnapshots } from '@providers/store';
import type { CheckpointStore, SnapshotStore, StoredSnapshot } from './checkpoint-store.js';
import { CheckpointFileUnreadable } from './file-checkpoint-store.js';

/** The format of read-model snapshots kept in a store (each model also checks its own format and version). */
const READ_MODELS_SNAPSHOT_SCHEMA = 1;

/**
 * A projection's checkpoint and read-model snapshots kept in the store whose
 * log they fold (its snapshot port), so that they belong to that one store:
 * two store files in one folder, or two clusters, never share them.
 */
export class StoreCheckpoints implements CheckpointStore, SnapshotStore {
  constructor(private readonly snapshots: StoreSnapshots) {}

  load(name: string): Promise<bigint | undefined> {
    return this.snapshots.loadCheckpoint(name);
  }

  save(name: string, position: bigint): Promise<void> {
    return this.snapshots.saveCheckpoint(name, position);
  }

  async loadSnapshot(name: string): Promise<StoredSnapshot | undefined> {
    const saved = await this.snapshots.load(name);
    if (!saved) return undefined;
    const where = `the ${name} snapshot in the store (position ${saved.position})`;
    if (saved.schemaVersion !== READ_MODELS_SNAPSHOT_SCHEMA) throw new CheckpointFileUnreadable(where, `schema ${saved.schemaVersion}, expected ${READ_MODELS_SNAPSHOT_SCHEMA}`);
    let models: unknown;
    try {
      models = JSON.parse(saved.data);
    } catch {
      throw new CheckpointFileUnreadable(where, 'not JSON');
    }
    if (typeof models !== 'object' || models === null || Array.isArray(models)) throw new CheckpointFileUnreadable(where, 'expected the models as an object');
    return { position: saved.position, models: models as { readonly [name: string]: Json } };
  }

  saveSnapshot(name: string, snapshot: StoredSnapshot): Promise<void> {
    return this.snapshots.save({
      name,
      position: snapshot.position,
      revision: 0n,
      eventId: '',
      eventTime: '',
      schemaVersion: READ_MODELS_SNAPSHOT_SCHEMA,
      // Each model's snapshot carries its own format version, checked when it is restored.
      foldVersion: 1,
      data: JSON.stringify(snapshot.models),
    });
  }
}
