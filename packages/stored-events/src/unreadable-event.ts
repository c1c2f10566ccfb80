import type { UnreadableEvent } from './read-event.js';
import { errorClass } from '@providers/domain';

/**
 * A stored event that cannot be read (unknown type, failed codec). Reported
 * with where it is — never skipped silently.
 */
export class UnreadableEventError extends errorClass(
  'UnreadableEventError',
  'failure',
  (stream: string, revision: bigint, position: bigint, reason: UnreadableEvent) => ({
    fields: { stream, revision, position, reason },
    message: `cannot read the event at position ${position} (${stream} revision ${revision}): ${reason.message}`,
  }),
) {}
