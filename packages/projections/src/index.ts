/** Replays the log (or one org's stream) into read models, with a window and a progress callback. */
export { project, type ProjectOptions, type ProjectResult } from './project.js';
/** A stored event read for the read models (upcast, validated, with its org and position). */
export { toProjectedEvent, type ProjectedEvent } from './projected-event.js';
/** What every read model implements. */
export type { ReadModel } from './read-model.js';
/** Read models that can be saved and restored whole, and the error of a snapshot that does not fit. */
export { SnapshotUnreadable, isSnapshottable, type SnapshottableReadModel } from './snapshot.js';
/** Which provider a deployment resolves to, in every org, by the domain's precedence. */
export { ResolutionIndex } from './resolution-index.js';
/** The request and the answer of a resolution, as the domain defines them. */
export type { ChainLink, Resolution, ResolutionSource, ResolvedProvider, ResolveRequest, SetBy } from '@providers/domain';
/** The providers of each org and where they are used; never their secret values. */
export {
  type CatalogProvider,
  type DefaultUsage,
  type InstanceUsage,
  type ListOptions,
  type ProviderUsages,
  type ServiceUsage,
  type Stamp,
} from './catalog-types.js';
/** The provider catalog read model. */
export { ProviderCatalog } from './provider-catalog.js';
/** One fact per event of the provider model: who did what to which provider and account, when. */
export { AUDIT_ACTIONS, type AuditAction, type AuditFact, type AuditScope } from './audit-fact.js';
/** The filterable audit trail. */
export { AuditTrail } from './audit-trail.js';
/** Which facts an audit trail query lists, and its refusal of a filter it cannot read. */
export { InvalidAuditQuery, type AuditQuery } from './audit-query.js';
/** Audit facts as CSV. */
export { AUDIT_CSV_COLUMNS, auditCsv } from './audit-csv.js';
/** The three read models together. */
export { READ_MODELS_PROJECTION, createReadModels, readModelList, type ReadModels } from './read-models.js';
/** The read models as of a position or a time, and the parser of `--as-of`. */
export { buildAsOf, type AsOf, type AsOfOptions, type AsOfReadModels } from './point-in-time.js';
/** A point in time that is neither a position nor an ISO time with a zone. */
export { InvalidPointInTime } from './invalid-point-in-time.js';
export { parseIsoTime } from './iso-time.js';
/** Where projections record their checkpoints and snapshots, and an in-memory implementation. */
export { MemoryCheckpointStore, type CheckpointStore, type SnapshotStore, type StoredSnapshot } from './checkpoint-store.js';
/** Checkpoints and snapshots as files in a directory. */
export { CheckpointFileUnreadable, CheckpointFileUnwritable, FileCheckpointStore, InvalidProjectionName } from './file-checkpoint-store.js';
export { StoreCheckpoints } from './store-checkpoints.js';
/** Read models kept current from a subscription, resumed from a checkpoint and snapshot. */
export { LiveProjection } from './live-projection.js';
/** What a live projection folds and where it records its progress, and its errors. */
export {
  LiveProjectionStopped,
  ModelNotSnapshottable,
  type CheckpointThrottle,
  type LiveProjectionOptions,
  type LiveProjectionStart,
} from './live-projection-options.js';
/** One-shot catch-up from the persisted snapshot, and the full rebuild. */
export {
  loadReadModels,
  rebuildReadModels,
  type LoadedReadModels,
  type PersistedReadModelsOptions,
  type RebuildOptions,
} from './persisted-read-models.js';
/** A stored event that cannot be read, with its position. */
export { UnreadableEventError, toEnvelope } from '@providers/stored-events';
