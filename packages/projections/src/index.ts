export { project, type ProjectOptions, type ProjectResult } from './project.js';
export { toEnvelope, toProjectedEvent, type ProjectedEvent } from './projected-event.js';
export type { ReadModel } from './read-model.js';
export {
  ResolutionIndex,
  type ChainLink,
  type Resolution,
  type ResolutionSource,
  type ResolvedProvider,
  type ResolveRequest,
  type SetBy,
} from './resolution-index.js';
export { UnreadableEventError } from './unreadable-event.js';
