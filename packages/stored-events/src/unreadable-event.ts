import type { UnreadableEvent } from './read-event.js';
import { ProvidersError } from '@providers/domain';

/**
 * A stored event that cannot be read (unknown type, failed codec). Reported
 * with where it is — never skipped silently.
 */
export class UnreadableEventError extends ProvidersError {
  readonly _tag = 'UnreadableEventError' as const;
  readonly kind = 'failure' as const;
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly reason: UnreadableEvent,
  ) {
    super(`cannot read the event at position ${position} (${stream} revision ${revision}): ${reason.message}`);
  }
}
