import type { AuditFact } from './audit-fact.js';

/** The columns of `audit --format csv`, in order. */
export const AUDIT_CSV_COLUMNS = [
  'at',
  'actor',
  'role',
  'action',
  'orgId',
  'providerId',
  'providerName',
  'providerType',
  'accountId',
  'scope',
  'scopeKey',
  'replacedProviderId',
  'replacedProviderName',
  'replacedAccountId',
  'previousName',
  'previousAccountId',
  'position',
  'commandId',
  'accountIds',
  'accountObserved',
  'reason',
] as const;

const cellsOf = (fact: AuditFact): readonly (string | null | undefined)[] => [
  fact.at,
  fact.actor.id,
  fact.actor.role,
  fact.action,
  fact.orgId,
  fact.providerId,
  fact.providerName,
  fact.providerType,
  fact.accountId,
  fact.scope?.kind,
  fact.scope?.key,
  fact.replacedProviderId,
  fact.replacedProviderName,
  fact.replacedAccountId,
  fact.previousName,
  fact.previousAccountId,
  fact.position,
  fact.commandId,
  // A pin's accounts, separated by spaces: one cell, whatever the CSV reader.
  fact.accountIds?.join(' '),
  fact.accountObserved ? 'true' : undefined,
  fact.reason,
];

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that a spreadsheet shows it rather than running it.
const cell = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The facts as CSV text: a header line, then one line per fact (CRLF line ends, as RFC 4180 says). */
export const auditCsv = (facts: readonly AuditFact[]): string =>
  [AUDIT_CSV_COLUMNS.join(','), ...facts.map((fact) => cellsOf(fact).map(cell).join(','))].map((line) => `${line}\r\n`).join('');
