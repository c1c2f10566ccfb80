// The as-of of a request (`?asOf=`): digits are a position of the log, anything else an ISO time with a zone.
import type { AsOf } from '@providers/sdk';
import { HttpError } from './errors.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `asOf`; undefined or empty means now. A value that is neither is a 400 naming `asOf`. */
export const parseAsOfParam = (text: string | null | undefined): AsOf | undefined => {
  const value = text?.trim() ?? '';
  if (value === '') return undefined;
  if (/^\d{1,19}$/.test(value)) return { position: BigInt(value) };
  if (ISO_WITH_ZONE.test(value) && !Number.isNaN(Date.parse(value))) return { time: value };
  throw new HttpError(400, 'InvalidInput', 'asOf: a position (digits) or an ISO 8601 time with a zone, e.g. 2026-01-31T12:00:00Z', 'asOf');
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
