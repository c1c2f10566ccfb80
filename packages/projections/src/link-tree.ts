/**
 * The links of one provider type in one org, as a tree app → service → stage →
 * region. Resolving walks it with the request's own strings, so a lookup
 * builds no key and hashes nothing new; scopes share their prefixes, so a
 * million instance links do not store a million key strings; and a link is
 * stored as fields of its node or row, not as an object of its own, so an
 * index of millions of links stays small and cheap to collect.
 */
import { smallDelete, smallEntries, smallGet, smallMapOf, smallSet, type SmallMap } from './small-map.js';

/** Who set a scope, when, and where in the log; a null providerId is a local-credentials link. */
export interface LinkEntry {
  readonly providerId: string | null;
  readonly actor: string;
  readonly at: string;
  /** A number, not a bigint: exact up to 2^53, and a small integer costs no allocation. */
  readonly position: number;
}

/** A node's own link, as fields (providerId undefined: none; null: local credentials). */
interface Slot {
  providerId: string | null | undefined;
  actor: string;
  at: string;
  position: number;
}

/** A stage of a service: its stage-wide link, and its regional instance links. */
export interface StageNode extends Slot {
  /** Rows of [region, providerId, actor, at, position]. */
  regions: unknown[] | undefined;
}

/** A service: its service link, and its stages. */
export interface ServiceNode extends Slot {
  stages: SmallMap<StageNode> | undefined;
}

/** Where a link sits: a service, a stage (no region) or one instance. */
export interface LinkPlace {
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  readonly region?: string;
}

const ROW = 5;

/** The link of a node, if it has one. */
export const slotEntry = (slot: Slot | undefined): LinkEntry | undefined =>
  slot?.providerId === undefined ? undefined : { providerId: slot.providerId, actor: slot.actor, at: slot.at, position: slot.position };

/** The regional link of a stage, if it has one. */
export const regionEntry = (stage: StageNode | undefined, region: string): LinkEntry | undefined => {
  const rows = stage?.regions;
  if (!rows) return undefined;
  for (let i = 0; i < rows.length; i += ROW)
    if (rows[i] === region) return { providerId: rows[i + 1] as string | null, actor: rows[i + 2] as string, at: rows[i + 3] as string, position: rows[i + 4] as number };
  return undefined;
};

const fill = (slot: Slot, providerId: string | null | undefined, actor: string, at: string, position: number): void => {
  slot.providerId = providerId;
  slot.actor = actor;
  slot.at = at;
  slot.position = position;
};

const emptyStage = (): StageNode => ({ providerId: undefined, actor: '', at: '', position: 0, regions: undefined });
const emptyService = (): ServiceNode => ({ providerId: undefined, actor: '', at: '', position: 0, stages: undefined });

/** The link tree of one provider type of one org. */
export class LinkTree {
  /** `app/service` → node: one map per tree, so a lookup misses the caches once, not per level. */
  private readonly services = new Map<string, ServiceNode>();

  /** The service node of `app/service` (names hold no "/"), if anything is linked under it. */
  service(serviceKey: string): ServiceNode | undefined {
    return this.services.get(serviceKey);
  }

  /** The link at a place, if there is one. */
  get(place: LinkPlace): LinkEntry | undefined {
    const node = this.services.get(`${place.app}/${place.service}`);
    if (place.stage === undefined) return slotEntry(node);
    const stage = node?.stages && smallGet(node.stages, place.stage);
    return place.region === undefined ? slotEntry(stage) : regionEntry(stage, place.region);
  }

  /** Links a place (null: local credentials), replacing what was there. Fields, not an entry object: a fold calls this millions of times. */
  set(place: LinkPlace, providerId: string | null, actor: string, at: string, position: number): void {
    const key = `${place.app}/${place.service}`;
    let node = this.services.get(key);
    if (!node) this.services.set(key, (node = emptyService()));
    if (place.stage === undefined) return fill(node, providerId, actor, at, position);
    let stage = node.stages && smallGet(node.stages, place.stage);
    if (!stage) {
      stage = emptyStage();
      node.stages = node.stages ? smallSet(node.stages, place.stage, stage) : smallMapOf(place.stage, stage);
    }
    if (place.region === undefined) return fill(stage, providerId, actor, at, position);
    const rows = stage.regions;
    if (rows)
      for (let i = 0; i < rows.length; i += ROW)
        if (rows[i] === place.region) {
          rows[i + 1] = providerId;
          rows[i + 2] = actor;
          rows[i + 3] = at;
          rows[i + 4] = position;
          return;
        }
    // concat sizes the rows exactly; growing in place would leave slack in every stage.
    stage.regions = rows
      ? rows.concat(place.region, providerId, actor, at, position)
      : [place.region, providerId, actor, at, position];
  }

  /**
   * Removes the link at a place if it is to this provider (null: if it is a
   * local-credentials link; an unlink of a provider that was since replaced
   * changes nothing), and the nodes it leaves empty: links churn, and the
   * tree should not only grow.
   */
  unlink(place: LinkPlace, providerId: string | null): void {
    const key = `${place.app}/${place.service}`;
    const node = this.services.get(key);
    if (!node) return;
    if (place.stage === undefined) {
      if (node.providerId !== providerId) return;
      fill(node, undefined, '', '', 0);
    } else {
      const stage = node.stages && smallGet(node.stages, place.stage);
      if (!node.stages || !stage) return;
      if (place.region === undefined) {
        if (stage.providerId !== providerId) return;
        fill(stage, undefined, '', '', 0);
      } else {
        const rows = stage.regions ?? [];
        let i = 0;
        while (i < rows.length && rows[i] !== place.region) i += ROW;
        if (i >= rows.length || rows[i + 1] !== providerId) return;
        const rest = rows.slice(0, i).concat(rows.slice(i + ROW));
        stage.regions = rest.length > 0 ? rest : undefined;
      }
      if (stage.providerId === undefined && stage.regions === undefined) node.stages = smallDelete(node.stages, place.stage);
    }
    if (node.providerId === undefined && node.stages === undefined) this.services.delete(key);
  }

  /** Every link with its place. */
  *entries(): Generator<[LinkPlace, LinkEntry]> {
    for (const [key, node] of this.services) {
      const [app, service] = key.split('/') as [string, string];
      const own = slotEntry(node);
      if (own) yield [{ app, service }, own];
      for (const [stage, stageNode] of node.stages ? smallEntries(node.stages) : []) {
        const stageWide = slotEntry(stageNode);
        if (stageWide) yield [{ app, service, stage }, stageWide];
        const rows = stageNode.regions ?? [];
        for (let i = 0; i < rows.length; i += ROW) {
          const region = rows[i] as string;
          yield [{ app, service, stage, region }, regionEntry(stageNode, region)!];
        }
      }
    }
  }
}
