import { AuditTrail } from './audit-trail.js';
import { ProviderCatalog } from './provider-catalog.js';
import { ResolutionIndex } from './resolution-index.js';
import type { SnapshottableReadModel } from './snapshot.js';

/** The three read models of the providers feature, folded together. */
export interface ReadModels {
  readonly index: ResolutionIndex;
  readonly catalog: ProviderCatalog;
  readonly audit: AuditTrail;
}

/** The name under which the three read models keep their checkpoint and snapshot. */
export const READ_MODELS_PROJECTION = 'providers';

/** Fresh, empty read models. */
export const createReadModels = (): ReadModels => ({ index: new ResolutionIndex(), catalog: new ProviderCatalog(), audit: new AuditTrail() });

/** The read models as a list, for `project` and `LiveProjection`. */
export const readModelList = (models: ReadModels): SnapshottableReadModel[] => [models.index, models.catalog, models.audit];
