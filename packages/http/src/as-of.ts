// The as-of of a request (`?asOf=`), by the domain's one as-of parser: the CLI's `--as-of` rules exactly.
import * as E from 'fp-ts/lib/Either.js';
import { parseAsOf, type AsOf } from '@providers/sdk';
import { HttpError } from './errors.js';

/** Parses `asOf`; absent or empty means now. A value that is neither a position nor a time is a 400 naming `asOf`. */
export const parseAsOfParam = (text: string | null | undefined): AsOf | undefined => {
  if (text === null || text === undefined || text === '') return undefined;
  const parsed = parseAsOf(text, 'asOf');
  if (E.isLeft(parsed)) throw new HttpError(400, 'InvalidInput', parsed.left.message, 'asOf');
  return parsed.right;
};

/** The audit filters a query string can carry. */
export const AUDIT_FILTERS = ['provider', 'accountId', 'app', 'service', 'stage', 'region', 'actor', 'since', 'until'] as const;

/** The audit query of a query string: each filter given, and `action` (repeatable). */
export const auditQueryOf = (url: URL, orgId: string) => {
  const query: Record<string, unknown> = { orgId };
  for (const name of AUDIT_FILTERS) {
    const value = url.searchParams.get(name)?.trim();
    if (value) query[name] = value;
  }
  const actions = url.searchParams.getAll('action').filter(Boolean);
  if (actions.length > 0) query.actions = actions;
  return query;
};
