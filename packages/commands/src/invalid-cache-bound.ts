import { ProvidersError } from '@providers/domain';

/** A bound on the orgs kept in memory that is not a whole number of at least 1. */
export class InvalidCacheBound extends ProvidersError {
  readonly _tag = 'InvalidCacheBound' as const;
  readonly kind = 'usage' as const;
  readonly field = 'cachedOrgs';
  readonly rule = 'a whole number of at least 1';
  constructor(readonly given: number) {
    super(`cachedOrgs must be a whole number of at least 1, not ${given}`);
  }
}
