import type { EventStore } from '@providers/store';
import type { CheckpointStore, SnapshotStore } from './checkpoint-store.js';
import { LiveProjection } from './live-projection.js';
import { project, type ProjectResult } from './project.js';
import { READ_MODELS_PROJECTION, createReadModels, readModelList, type ReadModels } from './read-models.js';
import { CheckpointFileUnreadable } from './file-checkpoint-store.js';
import { SnapshotUnreadable } from './snapshot.js';
import type { UnreadableEventError } from '@providers/stored-events';

/** Where the read models' checkpoint and snapshot are kept, and how to read. */
export interface PersistedReadModelsOptions {
  readonly checkpoints: CheckpointStore & SnapshotStore;
  /** Default `READ_MODELS_PROJECTION`. */
  readonly name?: string;
  readonly skipInvalid?: boolean;
}

/** The read models brought up to date, and what it took. */
export interface LoadedReadModels extends ReadModels {
  readonly position: bigint;
  /** Events read from the store (only those after the snapshot, when one was restored). */
  readonly read: number;
  readonly restored: boolean;
  readonly skipped: readonly UnreadableEventError[];
  /** Set when the stored snapshot could not be read, so the models were replayed from the start instead. */
  readonly discardedSnapshot?: SnapshotUnreadable | CheckpointFileUnreadable;
}

/**
 * For a one-shot process (a CLI command): restores the read models from
 * their snapshot, reads the events since, saves the new checkpoint and
 * snapshot, and returns the models. An unreadable snapshot is replaced by a
 * replay from the start (and reported); an unreadable event throws
 * `UnreadableEventError` unless `skipInvalid`.
 */
export const loadReadModels = async (store: EventStore, options: PersistedReadModelsOptions): Promise<LoadedReadModels> => {
  const attempt = async (fromScratch: boolean) => {
    const models = createReadModels();
    const live = new LiveProjection({
      store,
      models: readModelList(models),
      name: options.name ?? READ_MODELS_PROJECTION,
      checkpoints: options.checkpoints,
      snapshots: options.checkpoints,
      fromScratch,
      ...(options.skipInvalid ? { skipInvalid: true } : {}),
    });
    const { restored } = await live.start();
    try {
      const position = await live.caughtUp();
      return { ...models, position, read: live.read, restored, skipped: live.skipped };
    } finally {
      await live.stop();
    }
  };
  try {
    return await attempt(false);
  } catch (error) {
    // A snapshot is a cache of the log: one that cannot be read is rebuilt, not a reason to stop.
    if (!(error instanceof SnapshotUnreadable || error instanceof CheckpointFileUnreadable)) throw error;
    return { ...(await attempt(true)), discardedSnapshot: error };
  }
};

/** What `rebuildReadModels` reads and reports. */
export interface RebuildOptions extends PersistedReadModelsOptions {
  /** Called after each page with the events folded so far and the position reached (for a progress bar). */
  readonly onProgress?: (folded: number, position: bigint) => void;
}

/**
 * `providers rebuild`: replays the whole log into fresh read models, then
 * saves their snapshot and checkpoint, so that the next process resumes
 * from there.
 */
export const rebuildReadModels = async (store: EventStore, options: RebuildOptions): Promise<ReadModels & ProjectResult> => {
  const name = options.name ?? READ_MODELS_PROJECTION;
  const models = createReadModels();
  const list = readModelList(models);
  const result = await project(store, list, {
    ...(options.skipInvalid ? { skipInvalid: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await options.checkpoints.saveSnapshot(name, { position: result.position, models: Object.fromEntries(list.map((m) => [m.snapshotName, m.snapshot()])) });
  await options.checkpoints.save(name, result.position);
  return { ...models, ...result };
};
