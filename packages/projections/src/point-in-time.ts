import type { EventStore } from '@providers/store';
import { InvalidPointInTime } from './invalid-point-in-time.js';
import { parseIsoTime } from './iso-time.js';
import { project, type ProjectResult } from './project.js';
import { createReadModels, readModelList, type ReadModels } from './read-models.js';

/** A point in the past: after folding every event at or before a global position, and/or that occurred at or before a time. */
export interface AsOf {
  readonly position?: bigint;
  /** ISO 8601 with a zone. */
  readonly time?: string;
}

/** What `buildAsOf` folds. */
export interface AsOfOptions extends AsOf {
  /** Only this org's stream (faster, and all a tenant may see). */
  readonly orgId?: string;
  /** Skip unreadable events (reported in `skipped`) instead of stopping at the first. */
  readonly skipInvalid?: boolean;
}

/** The read models as they were at a point, and how far the replay read. */
export type AsOfReadModels = ReadModels & ProjectResult;

/**
 * Builds the resolution index, the catalog and the audit trail as they were
 * at a point: a fresh replay of the log (or one org's stream) up to it.
 */
export const buildAsOf = async (store: EventStore, options: AsOfOptions): Promise<AsOfReadModels> => {
  if (options.time !== undefined && parseIsoTime(options.time) === undefined) throw new InvalidPointInTime(options.time);
  const models = createReadModels();
  const result = await project(store, readModelList(models), {
    ...(options.position !== undefined ? { upTo: options.position } : {}),
    ...(options.time !== undefined ? { until: options.time } : {}),
    ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
    ...(options.skipInvalid ? { skipInvalid: true } : {}),
  });
  return { ...models, ...result };
};
