import type { EventMetadata, EventOf, EventType } from './events.js';
import type { SetBy } from './resolution.js';
import type { OrgState } from './state.js';

/**
 * The fold of a sub-domain: one function per event type it owns, updating
 * the org state in place (see evolve.ts for why in place).
 */
export type Evolver<K extends EventType> = {
  readonly [T in K]: (state: OrgState, event: EventOf<T>, metadata: EventMetadata, position: bigint) => void;
};

/** Who set a scope, when and where: the event's actor, time and global position. */
export const setByOf = (metadata: EventMetadata, position: bigint): SetBy => ({
  actor: metadata.actor.id,
  at: metadata.occurredAt,
  position: String(position),
});
