import { isStoreError } from '@providers/store';
import { OrgStateSnapshotCorrupt } from './org-state-snapshot.js';

/**
 * A snapshot that could not be used or saved. Nothing wrong was served: the
 * state was replayed from the log. The message names the stream and the
 * reason, never the snapshot's content.
 */
export interface SnapshotWarning {
  readonly _tag: 'SnapshotWarning';
  readonly stream: string;
  readonly message: string;
}

/** A warning about the snapshot of `stream`. */
export const snapshotWarning = (stream: string, message: string): SnapshotWarning => ({ _tag: 'SnapshotWarning', stream, message });

/** What went wrong, in words safe to print: a store's own message (it never quotes stored content), the damage found, or the error's kind. */
export const describeFailure = (error: unknown): string => {
  if (isStoreError(error)) return error.message;
  if (error instanceof OrgStateSnapshotCorrupt) return error.detail;
  return error instanceof Error ? error.name : 'unknown error';
};
