import type { InvalidInput } from '@providers/domain';
import { ProvidersError } from '@providers/domain';

/**
 * A resolve or vend request that breaks a rule the writes obey (an empty
 * stage, a region that is not an AWS region, a malformed app, service or
 * type): reads refuse exactly what writes refuse, naming the field and the rule.
 */
export class InvalidResolveRequest extends ProvidersError {
  readonly _tag = 'InvalidResolveRequest' as const;
  readonly kind = 'usage' as const;
  readonly field: string;
  readonly rule: string;
  constructor(invalid: InvalidInput) {
    super(invalid.message);
    this.field = invalid.field;
    this.rule = invalid.rule;
  }
}
