import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { commandCodecs, type Command } from './commands.js';
import type { DomainError } from './errors.js';
import { taggedUnion } from './tagged-union.js';

/** A rejection of malformed input: which field broke which rule. */
export type InvalidInput = Extract<DomainError, { _tag: 'InvalidInput' }>;

/** An `InvalidInput` rejection of a field that breaks a rule. */
export const invalidInput = (field: string, rule: string): InvalidInput => ({
  _tag: 'InvalidInput',
  field,
  rule,
  message: `${field || 'input'}: ${rule}`,
});

/**
 * The dotted path of the field an error is about. Intersection and union
 * members appear in io-ts contexts as "0", "1", … over the same value as their
 * parent entry: those are not fields, and are left out.
 */
const fieldOf = (context: t.Context): string => {
  const keys: string[] = [];
  for (let i = 1; i < context.length; i++) {
    const entry = context[i]!;
    if (entry.key !== '' && entry.actual !== context[i - 1]!.actual) keys.push(entry.key);
  }
  return keys.join('.');
};

/** Turns the first io-ts error into a typed error that names the field and the rule. */
export const toInvalidInput = (errors: t.Errors): InvalidInput => {
  const error = errors.find((e) => e.message !== undefined) ?? errors[0];
  if (!error) return invalidInput('', 'the input is not valid');
  const field = fieldOf(error.context);
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
  const rule = error.message ?? (error.value === undefined ? `is required (${expected})` : `must be ${expected}`);
  return invalidInput(field, rule);
};

/** Decodes untrusted input with a codec into a typed value or an `InvalidInput`. */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>) =>
  (input: unknown): E.Either<InvalidInput, A> =>
    E.mapLeft(toInvalidInput)(codec.decode(input));

/** Any command, picked by its `type`. */
export const CommandCodec = taggedUnion('Command', 'type', commandCodecs);

/** Validates a command against every rule of its codec. */
export const validateCommand = (input: unknown): E.Either<InvalidInput, Command> =>
  decodeWith(CommandCodec as unknown as t.Type<Command, unknown, unknown>)(input);
