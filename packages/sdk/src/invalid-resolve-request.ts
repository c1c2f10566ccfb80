import { errorClass, type InvalidInput } from '@providers/domain';

/**
 * A resolve or vend request that breaks a rule the writes obey (an empty
 * stage, a region that is not an AWS region, a malformed app, service or
 * type): reads refuse exactly what writes refuse, naming the field and the rule.
 * It is `rejected`, as a write refused by the same rules is, with the same exit code.
 */
export class InvalidResolveRequest extends errorClass('InvalidResolveRequest', 'rejected', (invalid: InvalidInput) => ({
  fields: { field: invalid.field, rule: invalid.rule },
  message: invalid.message,
})) {}
