import { orgStream } from '@providers/domain';
import type { EventStore, RecordedEvent } from '@providers/store';
import { InvalidPointInTime } from './invalid-point-in-time.js';
import { parseIsoTime } from './iso-time.js';
import { toProjectedEvent } from './projected-event.js';
import type { ReadModel } from './read-model.js';
import { UnreadableEventError } from '@providers/stored-events';

/** How far, from where and what to replay. */
export interface ProjectOptions {
  /** Fold the events after this global position (a checkpoint). Default: from the start. */
  readonly after?: bigint;
  /** Point in time by position: fold every event whose position is ≤ this. */
  readonly upTo?: bigint;
  /** Point in time by clock: fold every event that occurred at or before this ISO time (throws `InvalidPointInTime` if it is not one). */
  readonly until?: string;
  /** Read one org's stream only, instead of the whole log. */
  readonly orgId?: string;
  /** Skip unreadable events (and report them) instead of stopping at the first. */
  readonly skipInvalid?: boolean;
  /** Called after each page with the events folded so far and the position reached. */
  readonly onProgress?: (folded: number, position: bigint) => void;
}

/** How a replay went: where it stopped, what it folded, what it skipped. */
export interface ProjectResult {
  /** The last position read: the checkpoint to continue from. */
  readonly position: bigint;
  readonly folded: number;
  /** Unreadable events that were skipped (only with `skipInvalid`). */
  readonly skipped: readonly UnreadableEventError[];
}

/**
 * Replays the log (or one org's stream) into read models. An unreadable event
 * stops the replay with an error naming its position, unless `skipInvalid`.
 */
export const project = async (store: EventStore, models: readonly ReadModel[], options: ProjectOptions = {}): Promise<ProjectResult> => {
  const pages: AsyncIterable<readonly RecordedEvent[]> =
    options.orgId !== undefined
      ? store.readStream(orgStream(options.orgId))
      : store.readAll({ ...(options.after !== undefined ? { after: options.after } : {}), ...(options.upTo !== undefined ? { upTo: options.upTo } : {}), filter: { streamPrefixes: ['providers-org-'] } });
  // Parsed, not compared as text: "…00Z" and "…00.000Z" are the same instant.
  const until = options.until !== undefined ? parseIsoTime(options.until) : undefined;
  if (options.until !== undefined && until === undefined) throw new InvalidPointInTime(options.until);
  let position = options.after ?? 0n;
  let folded = 0;
  const cut = new Set<string>();
  const skipped: UnreadableEventError[] = [];
  reading: for await (const page of pages) {
    for (const recorded of page) {
      if (options.after !== undefined && recorded.position <= options.after) continue;
      // Positions only grow: nothing after this one can be in the window.
      if (options.upTo !== undefined && recorded.position > options.upTo) {
        options.onProgress?.(folded, position);
        break reading;
      }
      position = recorded.position;
      let event;
      try {
        event = toProjectedEvent(recorded);
      } catch (error) {
        if (options.skipInvalid && error instanceof UnreadableEventError) {
          skipped.push(error);
          continue;
        }
        throw error;
      }
      // As of a time, each stream is cut at its first event recorded later: what is folded is a
      // prefix of every stream, a state that existed, even where older writers' times go back.
      if (cut.has(recorded.stream)) continue;
      if (until !== undefined && Date.parse(event.metadata.occurredAt) > until) {
        cut.add(recorded.stream);
        continue;
      }
      for (const model of models) model.apply(event);
      folded++;
    }
    options.onProgress?.(folded, position);
  }
  return { position, folded, skipped };
};
