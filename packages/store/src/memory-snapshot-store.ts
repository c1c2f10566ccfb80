import { StoreUnavailable } from './errors.js';
import { SNAPSHOTS_KEPT, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from './snapshot-store.js';

/**
 * Snapshots and checkpoints in this process's memory, for a MemoryEventStore:
 * they belong to that one store and go with it.
 */
export class MemorySnapshotStore implements SnapshotStore {
  /** Per name, oldest first. Snapshots are frozen copies: nobody changes a saved one. */
  readonly #snapshots = new Map<string, Snapshot[]>();
  readonly #checkpoints = new Map<string, bigint>();
  #closed = false;

  async save(snapshot: Snapshot): Promise<void> {
    this.#assertOpen();
    const kept = (this.#snapshots.get(snapshot.name) ?? []).filter((s) => s.position !== snapshot.position);
    kept.push(Object.freeze({ ...snapshot }));
    kept.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    this.#snapshots.set(snapshot.name, kept.slice(-SNAPSHOTS_KEPT));
  }

  async load(name: string, options: LoadSnapshotOptions = {}): Promise<Snapshot | undefined> {
    this.#assertOpen();
    const kept = this.#snapshots.get(name) ?? [];
    const limit = options.atOrBefore;
    for (let i = kept.length - 1; i >= 0; i--) if (limit === undefined || kept[i]!.position <= limit) return kept[i];
    return undefined;
  }

  async list(name: string): Promise<readonly SnapshotInfo[]> {
    this.#assertOpen();
    return (this.#snapshots.get(name) ?? []).map(({ data: _data, ...info }) => info);
  }

  async loadCheckpoint(name: string): Promise<bigint | undefined> {
    this.#assertOpen();
    return this.#checkpoints.get(name);
  }

  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    this.#assertOpen();
    this.#checkpoints.set(name, position);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreUnavailable('the in-memory snapshot store is closed');
  }
}
