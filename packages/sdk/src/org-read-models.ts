import { orgStream } from '@providers/domain';
import { buildAsOf, createReadModels, readModelList, toProjectedEvent, type AsOfReadModels } from '@providers/projections';
import type { EventStore } from '@providers/store';
import { checkedAsOf } from './as-of.js';
import type { AsOf } from './read-models.js';

/**
 * The read models (catalog, resolution index, audit trail) of every org asked
 * about, kept in memory and brought current by one read of what the org's
 * stream gained since, another process's writes included: a list, a show or a
 * console page costs a tail read, not a replay of the org's history.
 */
export class OrgReadModels {
  readonly #events: EventStore;
  // One set of models (each keys by org inside), and how far each org is folded.
  readonly #models = createReadModels();
  readonly #folded = new Map<string, { revision: bigint; position: bigint }>();

  constructor(events: EventStore) {
    this.#events = events;
  }

  /** The org's models now (cached, tail-read), or as of a point (a replay of its stream up to it). */
  async at(orgId: string, given: AsOf = {}): Promise<AsOfReadModels> {
    const asOf = checkedAsOf(given);
    if (asOf.position === undefined && asOf.time === undefined) return this.current(orgId);
    return buildAsOf(this.#events, { orgId, ...asOf });
  }

  /** The models with the org's stream folded to its end now. Read them at once: the next call folds on. */
  async current(orgId: string): Promise<AsOfReadModels> {
    const models = readModelList(this.#models);
    for await (const page of this.#events.readStream(orgStream(orgId), { after: this.#folded.get(orgId)?.revision ?? 0n }))
      for (const recorded of page) {
        // Two reads at once may both read a tail: each event is folded by the first to reach it.
        if (recorded.revision <= (this.#folded.get(orgId)?.revision ?? 0n)) continue;
        const event = toProjectedEvent(recorded);
        for (const model of models) model.apply(event);
        this.#folded.set(orgId, { revision: recorded.revision, position: recorded.position });
      }
    const folded = this.#folded.get(orgId);
    return { ...this.#models, position: folded?.position ?? 0n, folded: Number(folded?.revision ?? 0n), skipped: [] };
  }
}
