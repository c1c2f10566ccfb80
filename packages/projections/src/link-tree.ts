/**
 * The links of one provider type in one org, as a tree app → service → stage →
 * region. Resolving walks it with the request's own strings, so a lookup
 * builds no key and hashes nothing new; and scopes share their prefixes, so a
 * million instance links do not store a million key strings.
 */

import { smallDelete, smallEntries, smallGet, smallMapOf, smallSet, type SmallMap } from './small-map.js';

/** Who set a scope, when, and where in the log. Kept small: an index holds millions. */
export interface LinkEntry {
  readonly providerId: string;
  readonly actor: string;
  readonly at: string;
  /** A number, not a bigint: exact up to 2^53, and a small integer costs no allocation. */
  readonly position: number;
}

/** A stage of a service: its stage-wide link, and its regional instance links. */
export interface StageNode {
  entry: LinkEntry | undefined;
  regions: SmallMap<LinkEntry> | undefined;
}

/** A service: its service link, and its stages. */
export interface ServiceNode {
  entry: LinkEntry | undefined;
  stages: SmallMap<StageNode> | undefined;
}

/** Where a link sits: a service, a stage (no region) or one instance. */
export interface LinkPlace {
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  readonly region?: string;
}

export class LinkTree {
  private readonly apps = new Map<string, Map<string, ServiceNode>>();

  /** The service node of app/service, if anything is linked under it. */
  service(app: string, service: string): ServiceNode | undefined {
    return this.apps.get(app)?.get(service);
  }

  get(place: LinkPlace): LinkEntry | undefined {
    const node = this.service(place.app, place.service);
    if (place.stage === undefined) return node?.entry;
    const stage = node?.stages && smallGet(node.stages, place.stage);
    return place.region === undefined ? stage?.entry : stage?.regions && smallGet(stage.regions, place.region);
  }

  set(place: LinkPlace, entry: LinkEntry): void {
    let services = this.apps.get(place.app);
    if (!services) this.apps.set(place.app, (services = new Map()));
    let node = services.get(place.service);
    if (!node) services.set(place.service, (node = { entry: undefined, stages: undefined }));
    if (place.stage === undefined) {
      node.entry = entry;
      return;
    }
    let stage = node.stages && smallGet(node.stages, place.stage);
    if (!stage) {
      stage = { entry: undefined, regions: undefined };
      node.stages = node.stages ? smallSet(node.stages, place.stage, stage) : smallMapOf(place.stage, stage);
    }
    if (place.region === undefined) stage.entry = entry;
    else stage.regions = stage.regions ? smallSet(stage.regions, place.region, entry) : smallMapOf(place.region, entry);
  }

  /** Removes a link, and the nodes it leaves empty (links churn; the tree should not only grow). */
  delete(place: LinkPlace): void {
    const services = this.apps.get(place.app);
    const node = services?.get(place.service);
    if (!services || !node) return;
    if (place.stage === undefined) node.entry = undefined;
    else {
      const stage = node.stages && smallGet(node.stages, place.stage);
      if (!node.stages || !stage) return;
      if (place.region === undefined) stage.entry = undefined;
      else if (stage.regions) stage.regions = smallDelete(stage.regions, place.region);
      if (stage.entry === undefined && stage.regions === undefined) node.stages = smallDelete(node.stages, place.stage);
    }
    if (node.entry === undefined && node.stages === undefined) services.delete(place.service);
    if (services.size === 0) this.apps.delete(place.app);
  }

  /** Every link with its place. */
  *entries(): Generator<[LinkPlace, LinkEntry]> {
    for (const [app, services] of this.apps)
      for (const [service, node] of services) {
        if (node.entry) yield [{ app, service }, node.entry];
        for (const [stage, stageNode] of node.stages ? smallEntries(node.stages) : []) {
          if (stageNode.entry) yield [{ app, service, stage }, stageNode.entry];
          for (const [region, entry] of stageNode.regions ? smallEntries(stageNode.regions) : []) yield [{ app, service, stage, region }, entry];
        }
      }
  }
}
