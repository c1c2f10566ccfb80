/**
 * When an org state is worth a snapshot: once the org has `SNAPSHOT_MIN_EVENTS`
 * events, and then whenever the events folded since the last snapshot reach
 * a sixteenth of the history (never fewer than `SNAPSHOT_MIN_EVENTS`).
 *
 * Why proportional and not every fixed N: a snapshot costs time and space in
 * proportion to the state, which grows with the history (every command id is
 * kept for idempotency). Every N events would cost O(history²) over an org's
 * life; a sixteenth keeps the total cost of writing snapshots at about 17
 * times that of writing the final one, linear in the history, while the tail
 * a cold start folds stays under a sixteenth (≈6%) of a full replay. Below
 * 1,000 events a full replay takes a few milliseconds: no snapshot is needed.
 */
export const SNAPSHOT_MIN_EVENTS = 1_000;

/** Whether a state at `revision`, last snapshotted at `snapshotRevision`, should be snapshotted now. */
export const snapshotDue = (revision: number, snapshotRevision: number): boolean =>
  revision >= SNAPSHOT_MIN_EVENTS && revision - snapshotRevision >= Math.max(SNAPSHOT_MIN_EVENTS, Math.floor(revision / 16));
