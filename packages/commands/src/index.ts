export {
  CommandHandler,
  ConcurrencyExhausted,
  type CommandHandlerOptions,
  type CommandResult,
  type Prepared,
  type Preparation,
} from './command-handler.js';
export { eventIdFor } from './event-ids.js';
export { MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-delay.js';
export { InvalidCacheBound } from './invalid-cache-bound.js';
export { DEFAULT_CACHED_ORGS, TailFoldedCache, type TailFold } from './tail-folded-cache.js';
export { OrgStates, type HistoryPoint, type OrgStatesOptions } from './org-states.js';
export { ORG_STATE_FOLD_VERSION, ORG_STATE_SNAPSHOT_SCHEMA, OrgStateSnapshotCorrupt, decodeOrgState, encodeOrgState } from './org-state-snapshot.js';
export { SNAPSHOT_MIN_EVENTS, snapshotDue } from './snapshot-policy.js';
export type { SnapshotWarning } from './snapshot-warning.js';
export { MAX_CLOCK_SKEW_MS, recordedTime } from './event-time.js';
