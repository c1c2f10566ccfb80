import type { OrgState } from '@providers/domain';
import type { SnapshotStore } from '@providers/store';
import { ORG_STATE_FOLD_VERSION, ORG_STATE_SNAPSHOT_SCHEMA, decodeOrgState } from './org-state-snapshot.js';
import { describeFailure } from './snapshot-warning.js';

/** An org state and the last event folded into it. */
export interface Folded {
  readonly state: OrgState;
  /** The global position of the last event folded in (0n before the first). */
  position: bigint;
  eventId: string;
  /** The latest recorded time of the events folded in ('' before the first). */
  eventTime: string;
}

/**
 * The newest usable snapshot of `stream` at or before a point (a position,
 * and/or a time its last event is not later than), decoded. Anything that
 * does not fit — an unreadable store, another schema or fold version, damaged
 * text — is reported to `warn` and gives undefined: the caller replays.
 */
export const restoreSnapshot = async (
  snapshots: SnapshotStore,
  stream: string,
  point: { readonly position?: bigint; readonly time?: string },
  warn: (message: string) => void,
): Promise<Folded | undefined> => {
  try {
    let atOrBefore = point.position;
    if (point.time !== undefined) {
      const until = Date.parse(point.time);
      const fitting = (await snapshots.list(stream)).filter(
        (info) => Date.parse(info.eventTime) <= until && (atOrBefore === undefined || info.position <= atOrBefore),
      );
      const newest = fitting[fitting.length - 1];
      if (!newest) return undefined;
      atOrBefore = newest.position;
    }
    const snapshot = await snapshots.load(stream, atOrBefore === undefined ? {} : { atOrBefore });
    if (!snapshot) return undefined;
    const at = `the snapshot of ${stream} at position ${snapshot.position}`;
    if (snapshot.schemaVersion !== ORG_STATE_SNAPSHOT_SCHEMA || snapshot.foldVersion !== ORG_STATE_FOLD_VERSION) {
      warn(
        `${at} is of schema ${snapshot.schemaVersion} and fold ${snapshot.foldVersion}, this code reads schema ${ORG_STATE_SNAPSHOT_SCHEMA} and fold ${ORG_STATE_FOLD_VERSION}: replaying the stream`,
      );
      return undefined;
    }
    let state: OrgState;
    try {
      state = decodeOrgState(snapshot.data);
    } catch (error) {
      warn(`${at} cannot be read (${describeFailure(error)}): replaying the stream`);
      return undefined;
    }
    if (BigInt(state.revision) !== snapshot.revision) {
      warn(`${at} cannot be read (its state is at revision ${state.revision}, the snapshot says ${snapshot.revision}): replaying the stream`);
      return undefined;
    }
    return { state, position: snapshot.position, eventId: snapshot.eventId, eventTime: snapshot.eventTime };
  } catch (error) {
    warn(`could not read the snapshot of ${stream} (${describeFailure(error)}): replaying the stream`);
    return undefined;
  }
};
