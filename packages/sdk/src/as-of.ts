import * as E from 'fp-ts/lib/Either.js';
import { parseAsOf, parseAsOfTime } from '@providers/domain';
import { errorClass } from '@providers/domain';

/** An `asOf` given to the SDK that the domain's as-of parser refuses; names `asOf.position` or `asOf.time`. */
export class InvalidAsOf extends errorClass('InvalidAsOf', 'usage', (field: string, rule: string) => ({ fields: { field, rule }, message: `${field}: ${rule}` })) {}

/**
 * An as-of point checked by the same parser as the CLI's `--as-of`: a
 * position that digits write, a time that is ISO-8601 with a zone (returned
 * as the instant in UTC). Throws `InvalidAsOf`.
 */
export const checkedAsOf = (asOf: { readonly position?: bigint; readonly time?: string }): { position?: bigint; time?: string } => {
  const position = asOf.position === undefined ? E.right(undefined) : parseAsOf(String(asOf.position), 'asOf.position');
  if (E.isLeft(position)) throw new InvalidAsOf(position.left.field, position.left.rule);
  const time = asOf.time === undefined ? E.right(undefined) : parseAsOfTime(String(asOf.time), 'asOf.time');
  if (E.isLeft(time)) throw new InvalidAsOf(time.left.field, time.left.rule);
  return { ...(asOf.position !== undefined ? { position: asOf.position } : {}), ...(time.right !== undefined ? { time: time.right } : {}) };
};
