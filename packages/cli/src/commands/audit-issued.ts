import type { IssuanceQuery, IssuanceRow } from '@providers/sdk';
import type { CliContext } from '../context.js';

/** `providers audit --issued`: who received credentials, for which deployment, from which provider and session. */
export const printIssued = async (ctx: CliContext, orgId: string, query: IssuanceQuery, format: string): Promise<void> => {
  const providers = await ctx.reader();
  const rows = await providers.issuance(orgId, query);
  if (format === 'json') return ctx.out.data(rows);
  if (format === 'csv') {
    const { issuanceCsv } = await import('@providers/vending');
    return void ctx.environment.stdout.write(ctx.out.redactor.redact(issuanceCsv(rows)));
  }
  ctx.out.table(
    ['at', 'actor', 'client', 'kind', 'deployment', 'provider', 'account', 'session', 'expires', 'cached'],
    rows.map((r: IssuanceRow) => [
      r.occurredAt,
      r.actor ?? '-',
      r.client,
      r.kind,
      [r.request.app, r.request.service, r.request.stage, r.request.region].filter((part) => part !== undefined).join('/'),
      r.providerName === null ? '-' : r.providerNameNow !== null && r.providerNameNow !== r.providerName ? `${r.providerName} (now ${r.providerNameNow})` : r.providerName,
      r.accountId ?? '-',
      r.sessionName ?? '-',
      r.expiresAt ?? '-',
      r.fromCache ? 'yes' : 'no',
    ]),
  );
};
