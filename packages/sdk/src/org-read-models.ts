import { TailFoldedCache } from '@providers/commands';
import { orgStream } from '@providers/domain';
import { buildAsOf, createReadModels, readModelList, toProjectedEvent, type AsOfReadModels, type ReadModels } from '@providers/projections';
import type { EventStore } from '@providers/store';
import { checkedAsOf } from './as-of.js';
import type { AsOf } from './read-models.js';

/** One org's read models and how far its stream is folded into them. */
interface Folded {
  readonly models: ReadModels;
  revision: bigint;
  position: bigint;
}

/**
 * The read models (catalog, resolution index, audit trail) of the orgs asked
 * about most recently (a bounded number), kept in memory and brought current
 * by one read of what the org's stream gained since, another process's writes
 * included: a list, a show or a console page costs a tail read, not a replay
 * of the org's history. An org dropped from memory is replayed when next asked.
 */
export class OrgReadModels {
  readonly #events: EventStore;
  readonly #orgs: TailFoldedCache<Folded>;

  /** `cachedOrgs`: how many orgs' models are kept (default `DEFAULT_CACHED_ORGS`). */
  constructor(events: EventStore, cachedOrgs?: number) {
    this.#events = events;
    this.#orgs = new TailFoldedCache({ load: async () => ({ models: createReadModels(), revision: 0n, position: 0n }), catchUp: (orgId, folded) => this.#catchUp(orgId, folded) }, cachedOrgs);
  }

  /** The org's models now (cached, tail-read), or as of a point (a replay of its stream up to it). */
  async at(orgId: string, given: AsOf = {}): Promise<AsOfReadModels> {
    const asOf = checkedAsOf(given);
    if (asOf.position === undefined && asOf.time === undefined) return this.current(orgId);
    return buildAsOf(this.#events, { orgId, ...asOf });
  }

  /** The models with the org's stream folded to its end now. Read them at once: the next call folds on. */
  async current(orgId: string): Promise<AsOfReadModels> {
    const folded = await this.#orgs.current(orgId);
    return { ...folded.models, position: folded.position, folded: Number(folded.revision), skipped: [] };
  }

  async #catchUp(orgId: string, folded: Folded): Promise<void> {
    const models = readModelList(folded.models);
    for await (const page of this.#events.readStream(orgStream(orgId), { after: folded.revision }))
      for (const recorded of page) {
        // Two reads at once may both read a tail: each event is folded by the first to reach it.
        if (recorded.revision <= folded.revision) continue;
        const event = toProjectedEvent(recorded);
        for (const model of models) model.apply(event);
        folded.revision = recorded.revision;
        folded.position = recorded.position;
      }
  }
}
