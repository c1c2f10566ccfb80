import type { UnreadableEvent } from './read-event.js';

/**
 * A stored event that cannot be read (unknown type, failed codec). Reported
 * with where it is — never skipped silently.
 */
export class UnreadableEventError extends Error {
  readonly _tag = 'UnreadableEventError' as const;
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly reason: UnreadableEvent,
  ) {
    super(`cannot read the event at position ${position} (${stream} revision ${revision}): ${reason.message}`);
    this.name = 'UnreadableEventError';
  }
}
