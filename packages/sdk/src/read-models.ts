import {
  AuditTrail,
  LiveProjection,
  MemoryCheckpointStore,
  READ_MODELS_PROJECTION,
  createReadModels,
  project,
  readModelList,
  rebuildReadModels,
  StoreCheckpoints,
  type AuditFact,
  type AuditQuery,
  type CheckpointStore,
  type ProjectResult,
  type ReadModels,
  type SnapshotStore,
} from '@providers/projections';
import { orgStream } from '@providers/domain';
import type { EventStore, RecordedEvent } from '@providers/store';
import type { Stores } from './store-url.js';

/** As of when to answer: a global position, or an ISO time with a zone. */
export interface AsOf {
  readonly position?: bigint;
  readonly time?: string;
}

/** Read models that follow the store (see `Providers.live`). */
export interface LiveReadModels extends ReadModels {
  /** Resolves once the backlog is folded, with the position reached. */
  caughtUp(): Promise<bigint>;
  /** Resolves once the models have folded the event at this position (e.g. a write's). */
  waitFor(position: bigint): Promise<void>;
  stop(): Promise<void>;
}

/** Where `live` keeps its checkpoint and snapshot (default: in the store itself, when it keeps snapshots). */
export interface LiveOptions {
  readonly checkpoints?: CheckpointStore & SnapshotStore;
}

/** What `rebuild` writes and how it reports. */
export interface RebuildInput {
  /** Skip unreadable events (each is reported) instead of stopping at the first. */
  readonly skipInvalid?: boolean;
  /** Called as the replay goes: the position reached, of the head position when it started. */
  readonly onProgress?: (position: bigint, head: bigint) => void;
}

/** What a rebuild folded, up to where, which unreadable events it skipped, and how many org states it saved. */
export type RebuildResult = ReadModels & ProjectResult & { readonly orgs: number };

/** The audit facts of every org a query asks for, from a replay of the log. */
export const auditFacts = async (events: EventStore, query: AuditQuery): Promise<AuditFact[]> => {
  const trail = new AuditTrail();
  await project(events, [trail]);
  return trail.query(query);
};

/** Read models of every org kept current by a live subscription, resumed from their checkpoint. */
export const liveReadModels = async ({ events, snapshots }: Stores, options: LiveOptions): Promise<LiveReadModels> => {
  const models = createReadModels();
  const checkpoints = options.checkpoints ?? checkpointsIn(snapshots);
  const projection = new LiveProjection({ store: events, models: readModelList(models), name: READ_MODELS_PROJECTION, checkpoints, snapshots: checkpoints });
  await projection.start();
  return {
    ...models,
    caughtUp: () => projection.caughtUp(),
    waitFor: (position) => projection.waitFor(position),
    stop: () => projection.stop(),
  };
};

/** Replays the whole log into every read model and saves their snapshot and checkpoint in the store. */
export const rebuildReadModelsOf = async ({ events, snapshots }: Stores, input: RebuildInput): Promise<ReadModels & ProjectResult> => {
  const head = await events.headPosition();
  return rebuildReadModels(events, {
    checkpoints: checkpointsIn(snapshots),
    ...(input.skipInvalid ? { skipInvalid: true } : {}),
    ...(input.onProgress ? { onProgress: (_folded: number, position: bigint) => input.onProgress!(position, head) } : {}),
  });
};

/** The store's own snapshots as checkpoints of the read models; in memory when the store keeps none. */
const checkpointsIn = (snapshots: Stores['snapshots']): CheckpointStore & SnapshotStore =>
  snapshots ? new StoreCheckpoints(snapshots) : new MemoryCheckpointStore();

/** The org's events in order, as stored (secrets sealed). */
export const orgHistory = async (events: EventStore, orgId: string): Promise<RecordedEvent[]> => {
  const recorded: RecordedEvent[] = [];
  for await (const page of events.readStream(orgStream(orgId))) recorded.push(...page);
  return recorded;
};
