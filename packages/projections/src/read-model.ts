import type { ProjectedEvent } from './projected-event.js';

/** A read model folds events, in global order, into something to query. */
export interface ReadModel {
  apply(event: ProjectedEvent): void;
}
