import { errorClass } from '@providers/domain';

/** A bound on the orgs kept in memory that is not a whole number of at least 1. */
export class InvalidCacheBound extends errorClass('InvalidCacheBound', 'usage', (given: number) => ({
  fields: { field: 'cachedOrgs', rule: 'a whole number of at least 1', given },
  message: `cachedOrgs must be a whole number of at least 1, not ${given}`,
})) {}
