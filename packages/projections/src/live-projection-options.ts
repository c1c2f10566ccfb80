import { errorClass } from '@providers/domain';
import type { EventStore } from '@providers/store';
import type { UnreadableEventError } from '@providers/stored-events';
import type { CheckpointStore, SnapshotStore } from './checkpoint-store.js';
import type { ReadModel } from './read-model.js';

/** How often a live projection saves its checkpoint (and snapshot): whichever comes first. */
export interface CheckpointThrottle {
  /** After this many events read since the last save (default 5000). */
  readonly events?: number;
  /** After this many milliseconds since the last save, as soon as there is something new (default 2000). */
  readonly ms?: number;
}

/** What a live projection folds, from where, and where it records its progress. */
export interface LiveProjectionOptions {
  readonly store: EventStore;
  readonly models: readonly ReadModel[];
  /** The projection's name: the key of its checkpoint and snapshot. */
  readonly name: string;
  readonly checkpoints: CheckpointStore;
  /**
   * Where the models' snapshots are kept. Given, every model must be
   * snapshottable: `start()` restores them from the latest snapshot and reads
   * only what follows it (without a snapshot it replays from the start, since
   * the models are in memory and fresh). Not given, the models are assumed to
   * hold the state as of the saved checkpoint (durable models, or restored by
   * the caller) and reading starts after it.
   */
  readonly snapshots?: SnapshotStore;
  /** Skip unreadable events (each reported to `onSkipped`) instead of stopping at the first. */
  readonly skipInvalid?: boolean;
  readonly onSkipped?: (error: UnreadableEventError) => void;
  readonly checkpointEvery?: CheckpointThrottle;
  /** Called after each checkpoint (and snapshot) is saved. */
  readonly onCheckpoint?: (position: bigint) => void;
  /** Ignore the saved checkpoint and snapshot and replay from the start (into fresh models). */
  readonly fromScratch?: boolean;
}

/** Where a live projection resumed. */
export interface LiveProjectionStart {
  /** It reads the events after this position. */
  readonly from: bigint;
  /** Whether the models were restored from a snapshot. */
  readonly restored: boolean;
}

/** The projection was stopped before what was awaited happened. */
export class LiveProjectionStopped extends errorClass('LiveProjectionStopped', 'failure', (projection: string, position: bigint) => ({
  fields: { projection, position },
  message: `projection ${projection} stopped at position ${position}`,
})) {}

/** The options ask for snapshots but a model cannot take one. */
export class ModelNotSnapshottable extends errorClass('ModelNotSnapshottable', 'failure', (projection: string, index: number) => ({
  fields: { projection, index },
  message: `projection ${projection}: model #${index} has no snapshot()/restore(), so it cannot be kept in a snapshot store`,
})) {}
