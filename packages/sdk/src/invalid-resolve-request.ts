import { ProvidersError, type InvalidInput } from '@providers/domain';

/**
 * A resolve or vend request that breaks a rule the writes obey (an empty
 * stage, a region that is not an AWS region, a malformed app, service or
 * type): reads refuse exactly what writes refuse, naming the field and the rule.
 */
export class InvalidResolveRequest extends ProvidersError {
  readonly _tag = 'InvalidResolveRequest' as const;
  // Refused by the same rules as a write, with the same exit code.
  readonly kind = 'rejected' as const;
  readonly field: string;
  readonly rule: string;
  constructor(invalid: InvalidInput) {
    super(invalid.message);
    this.field = invalid.field;
    this.rule = invalid.rule;
  }
}
