/**
 * The snapshot port: folds of the log saved in the store itself, so that a
 * cold start reads a snapshot and the tail instead of the whole history, and
 * so that a snapshot can never be read against another store's log.
 *
 * A snapshot is a cache, never a source of truth: the store keeps its text
 * verbatim and knows nothing of its format; readers check the versions and
 * the text and replay the log when either does not fit.
 */

/** One saved fold of the log, under a name (an org stream, or a projection). */
export interface Snapshot {
  /** What was folded: a stream name for one stream's state, a projection name for read models of every stream. */
  readonly name: string;
  /** The global position of the last event folded in: as-of lookups choose by it. */
  readonly position: bigint;
  /** The stream revision folded in, for one stream's state (0n for a fold of every stream). */
  readonly revision: bigint;
  /**
   * The id of the last event folded in (empty when nothing was). A reader
   * checks that the log holds this event where the snapshot says, so that a
   * snapshot of another log (a copied file, a reset cluster) is refused.
   */
  readonly eventId: string;
  /**
   * The latest recorded time (ISO 8601) of the events folded in, empty when
   * none was: an as-of-time read starts only from a snapshot whose time is
   * not after its own, so that it folds a prefix of the log.
   */
  readonly eventTime: string;
  /** The version of the snapshot's format: a reader refuses one it does not write. */
  readonly schemaVersion: number;
  /** The version of the fold that produced it: a changed fold makes old snapshots stale. */
  readonly foldVersion: number;
  /** The folded state as text, given back exactly as saved. */
  readonly data: string;
}

/** What a snapshot says about itself, without its text: enough to choose one. */
export type SnapshotInfo = Omit<Snapshot, 'data'>;

/** Which snapshot of a name `load` returns. */
export interface LoadSnapshotOptions {
  /** The newest snapshot whose position is at or before this one. Default: the newest. */
  readonly atOrBefore?: bigint;
}

/**
 * Where snapshots and projection checkpoints are kept, inside the store whose
 * log they fold. Every adapter keeps at least the newest `SNAPSHOTS_KEPT`
 * snapshots of a name and no more than that, so that as-of reads have several
 * starting points and the store does not grow without bound.
 */
export interface SnapshotStore {
  /**
   * Saves a snapshot, replacing one of the same name at the same position,
   * then drops that name's snapshots beyond the newest `SNAPSHOTS_KEPT`.
   */
  save(snapshot: Snapshot): Promise<void>;
  /** The newest snapshot of `name` (at or before `atOrBefore` when given), or undefined. */
  load(name: string, options?: LoadSnapshotOptions): Promise<Snapshot | undefined>;
  /** The snapshots kept for `name`, without their text, oldest first. */
  list(name: string): Promise<readonly SnapshotInfo[]>;
  /** The position a projection saved as read up to, or undefined when it never saved one. */
  loadCheckpoint(name: string): Promise<bigint | undefined>;
  /** Records that a projection has folded the log up to `position`. */
  saveCheckpoint(name: string, position: bigint): Promise<void>;
  close(): Promise<void>;
}

/**
 * How many snapshots of one name a store keeps: enough starting points for
 * as-of answers over the recent past (with org states snapshotted every few
 * thousand events, the last tens of thousands of events), few enough that
 * snapshots of a large org stay a small part of the store. Older as-of
 * answers replay from the start, as they would with no snapshot at all.
 */
export const SNAPSHOTS_KEPT = 8;
