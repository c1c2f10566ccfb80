import { errorClass } from '@providers/domain';
import type { AuditAction } from './audit-fact.js';
import { parseIsoTime } from './iso-time.js';

/**
 * Which facts to list. Every filter given must match; an absent one does not
 * filter. Times are ISO 8601 and both ends are inclusive.
 */
export interface AuditQuery {
  readonly orgId?: string;
  /** The fact's account, the account it replaced, the account a credentials update moved away from, or one a pin names. */
  readonly accountId?: string;
  /** A provider id, or any name a provider had (case-insensitive); matches the provider or the one it replaced. */
  readonly provider?: string;
  readonly app?: string;
  readonly service?: string;
  readonly stage?: string;
  readonly region?: string;
  /** An actor id. */
  readonly actor?: string;
  readonly actions?: readonly AuditAction[];
  readonly since?: string;
  readonly until?: string;
}

/** A filter of an audit query that cannot be understood (e.g. a time that is not ISO 8601). */
export class InvalidAuditQuery extends errorClass('InvalidAuditQuery', 'usage', (field: keyof AuditQuery, rule: string) => ({
  fields: { field, rule },
  message: `audit filter ${field}: ${rule}`,
})) {}

/** A time filter of a query, in ms since the epoch; undefined when not given. Throws `InvalidAuditQuery` when it is not ISO 8601. */
export const queryTime = (query: AuditQuery, field: 'since' | 'until'): number | undefined => {
  const text = query[field];
  if (text === undefined) return undefined;
  const time = parseIsoTime(text);
  if (time === undefined) throw new InvalidAuditQuery(field, 'an ISO 8601 date or time with a zone, such as 2026-03-01 or 2026-03-01T10:00:00Z');
  return time;
};
