// Which credentials were handed out: the audit filters applied to an org's issuance records,
// each row joined with the provider catalog (its name at the time, and now), and as CSV.
import type { Issuance } from './issuance.js';
import { errorClass } from '@providers/domain';
import { parseIsoTime } from '@providers/projections';

/** Which records to list; every filter given must match. Times are ISO 8601, both ends inclusive. */
export interface IssuanceQuery {
  readonly accountId?: string;
  /** A provider id, its name at the time, or its name now (any case). */
  readonly provider?: string;
  readonly app?: string;
  readonly service?: string;
  readonly stage?: string;
  /** The requesting actor. */
  readonly actor?: string;
  readonly since?: string;
  readonly until?: string;
}

/** One record, with where it is in the store and the provider's name in the catalog now. */
export interface IssuanceRow extends Issuance {
  readonly position: bigint;
  /** The provider's current name; `null` when it was removed since (or none resolved). */
  readonly providerNameNow: string | null;
}

/** A filter of an issuance query that cannot be understood. */
export class InvalidIssuanceQuery extends errorClass('InvalidIssuanceQuery', 'usage', (field: keyof IssuanceQuery, rule: string) => ({
  fields: { field, rule },
  message: `issuance filter ${field}: ${rule}`,
})) {}

// The audit trail's reading of a time filter: a real calendar date (2026-02-30 is a typo, not March), a zone required.
const timeOf = (field: 'since' | 'until', text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const time = parseIsoTime(text);
  if (time === undefined) throw new InvalidIssuanceQuery(field, 'an ISO 8601 date or time with a zone, such as 2026-03-01 or 2026-03-01T10:00:00Z');
  return time;
};

/**
 * The records that match `query`, oldest first, joined with `currentNames` (provider id → its
 * name in the catalog now).
 */
export const queryIssuance = (
  records: ReadonlyArray<Issuance & { readonly position: bigint }>,
  query: IssuanceQuery,
  currentNames: ReadonlyMap<string, string>,
): IssuanceRow[] => {
  const since = timeOf('since', query.since);
  const until = timeOf('until', query.until);
  const provider = query.provider?.toLowerCase();
  const rows: IssuanceRow[] = [];
  for (const record of records) {
    const nameNow = record.providerId === null ? null : (currentNames.get(record.providerId) ?? null);
    if (query.accountId !== undefined && record.accountId !== query.accountId) continue;
    if (
      provider !== undefined &&
      ![record.providerId, record.providerName, nameNow].some((candidate) => candidate !== null && candidate.toLowerCase() === provider)
    )
      continue;
    if (query.app !== undefined && record.request.app !== query.app) continue;
    if (query.service !== undefined && record.request.service !== query.service) continue;
    if (query.stage !== undefined && record.request.stage !== query.stage) continue;
    if (query.actor !== undefined && record.actor !== query.actor) continue;
    const at = Date.parse(record.occurredAt);
    if ((since !== undefined && at < since) || (until !== undefined && at > until)) continue;
    rows.push({ ...record, providerNameNow: nameNow });
  }
  return rows;
};

/** The columns of `audit --issued --format csv`, in order. */
export const ISSUANCE_CSV_COLUMNS = [
  'at',
  'actor',
  'client',
  'kind',
  'app',
  'service',
  'stage',
  'region',
  'type',
  'providerId',
  'providerName',
  'providerNameNow',
  'accountId',
  'sessionName',
  'sourceIdentity',
  'expiresAt',
  'stsRequestId',
  'fromCache',
  'position',
] as const;

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that a spreadsheet shows it rather than running it.
const cell = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The rows as CSV text: a header line, then one line per row (CRLF line ends). */
export const issuanceCsv = (rows: readonly IssuanceRow[]): string =>
  [
    ISSUANCE_CSV_COLUMNS.join(','),
    ...rows.map((r) =>
      [
        r.occurredAt,
        r.actor,
        r.client,
        r.kind,
        r.request.app,
        r.request.service,
        r.request.stage,
        r.request.region,
        r.request.type,
        r.providerId,
        r.providerName,
        r.providerNameNow,
        r.accountId,
        r.sessionName,
        r.sourceIdentity,
        r.expiresAt,
        r.stsRequestId,
        String(r.fromCache),
        String(r.position),
      ]
        .map(cell)
        .join(','),
    ),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
