import type { DomainEvent, EventEnvelope, EventMetadata, EventType } from './events.js';
import type { Evolver } from './evolver.js';
import { legacyEvolver } from './legacy-fold.js';
import { linksEvolver } from './links-fold.js';
import { pinsEvolver } from './pins-fold.js';
import { providersEvolver } from './providers-fold.js';
import { COMMAND_ID_WINDOW, type OrgState } from './state.js';

/** The sub-domains' folds, together: every event type has exactly one (the type checks it). */
const orgEvolver: Evolver<EventType> = { ...providersEvolver, ...linksEvolver, ...pinsEvolver, ...legacyEvolver };

type AnyFold = (state: OrgState, event: DomainEvent, metadata: EventMetadata, position: bigint) => void;

/** Adds a command id, forgetting the oldest past the window (a Set iterates in insertion order). */
const remember = (ids: Set<string>, commandId: string): void => {
  if (ids.has(commandId)) return;
  ids.add(commandId);
  if (ids.size > COMMAND_ID_WINDOW) ids.delete(ids.values().next().value!);
};

/**
 * Folds one event, stored at a global position, into the organization's
 * state and returns it. The position is given because the store assigns it,
 * not the domain: links and defaults remember the event that set them, so
 * that a resolution can say who set each scope, when and where in the log.
 *
 * The state is updated in place: an org with a million events of history is
 * loaded once and kept current by folding the tail, and copying its maps per
 * event would make every command O(history). `decide` never mutates; only
 * events that were appended are folded, so callers never see a half-applied
 * decision.
 */
export const evolve = (state: OrgState, { event, metadata }: EventEnvelope, position: bigint): OrgState => {
  state.revision += 1;
  state.position = position;
  remember(state.commandIds, metadata.commandId);
  (orgEvolver[event.type] as AnyFold)(state, event, metadata, position);
  return state;
};
