import * as E from 'fp-ts/lib/Either.js';
import type { EventEnvelope } from '@providers/domain';
import { readEvent } from './read-event.js';
import type { RecordedEvent } from '@providers/store';
import { UnreadableEventError } from './unreadable-event.js';

/** Reads a stored event into an envelope (upcast and validated), or reports where it is broken. */
export const toEnvelope = (recorded: RecordedEvent): EventEnvelope => {
  const read = readEvent(recorded.type, recorded.data, recorded.metadata);
  if (E.isLeft(read)) throw new UnreadableEventError(recorded.stream, recorded.revision, recorded.position, read.left);
  return read.right;
};
