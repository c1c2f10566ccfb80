import type { Json } from '@providers/store';

/**
 * Where a projection records how far it has read: the last global position
 * folded in, by projection name.
 */
export interface CheckpointStore {
  /** The saved position, or undefined when the projection has never saved one. */
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
}

/** The state of a projection's read models at one position, by each model's `snapshotName`. */
export interface StoredSnapshot {
  readonly position: bigint;
  readonly models: { readonly [snapshotName: string]: Json };
}

/**
 * Where a projection keeps snapshots of its in-memory read models, so that a
 * restart restores them and reads only the events after the snapshot.
 */
export interface SnapshotStore {
  loadSnapshot(name: string): Promise<StoredSnapshot | undefined>;
  saveSnapshot(name: string, snapshot: StoredSnapshot): Promise<void>;
}

/** Checkpoints and snapshots in this process's memory: for tests and one-shot tools. */
export class MemoryCheckpointStore implements CheckpointStore, SnapshotStore {
  readonly #checkpoints = new Map<string, bigint>();
  // Kept as text, as a file or a table would keep them: nobody can change a saved snapshot through a model.
  readonly #snapshots = new Map<string, { position: bigint; text: string }>();

  async load(name: string): Promise<bigint | undefined> {
    return this.#checkpoints.get(name);
  }

  async save(name: string, position: bigint): Promise<void> {
    this.#checkpoints.set(name, position);
  }

  async loadSnapshot(name: string): Promise<StoredSnapshot | undefined> {
    const saved = this.#snapshots.get(name);
    return saved && { position: saved.position, models: JSON.parse(saved.text) as StoredSnapshot['models'] };
  }

  async saveSnapshot(name: string, snapshot: StoredSnapshot): Promise<void> {
    this.#snapshots.set(name, { position: snapshot.position, text: JSON.stringify(snapshot.models) });
  }
}
