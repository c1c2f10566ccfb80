import { evolve, initialState, orgStream, type EventEnvelope, type OrgState } from '@providers/domain';
import { toEnvelope } from '@providers/stored-events';
import type { EventStore } from '@providers/store';

/**
 * Org states kept in memory and brought up to date by reading only the tail
 * of the org's stream since the cached revision.
 */
export class OrgStates {
  private readonly states = new Map<string, OrgState>();

  constructor(private readonly store: EventStore) {}

  /** The org's state as of the end of its stream now. */
  async current(orgId: string): Promise<OrgState> {
    let state = this.states.get(orgId);
    if (!state) this.states.set(orgId, (state = initialState()));
    for await (const page of this.store.readStream(orgStream(orgId), { after: BigInt(state.revision) }))
      for (const recorded of page) evolve(state, toEnvelope(recorded), recorded.position);
    return state;
  }

  /** Folds events this process has just appended (the last at `position`), so the next command needs no read. */
  fold(orgId: string, envelopes: readonly EventEnvelope[], expectedRevision: number, position: bigint): void {
    const state = this.states.get(orgId);
    // Only fold onto the state the events were decided on; otherwise the next read catches up.
    // The store tells the position of the last event only (positions need not be dense), so
    // several events are left to that read too: the state must know where each event is.
    if (!state || state.revision !== expectedRevision || envelopes.length !== 1) return;
    evolve(state, envelopes[0]!, position);
  }

  /** Forgets an org's cached state (the next command reloads it from the store). */
  forget(orgId: string): void {
    this.states.delete(orgId);
  }
}
