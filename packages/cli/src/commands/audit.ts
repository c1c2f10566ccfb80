import { Command, Option } from 'commander';
import { auditCsv, type AuditFact } from '@providers/sdk';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';
import { printIssued } from './audit-issued.js';
import { auditFiltersOf } from './audit-filters.js';

/** `providers audit`: who linked which provider (and so which AWS account) to what, when. */
export const registerAudit = (program: Command, define: Define) =>
  define(
    orgCommand(program, 'audit', 'the audit trail of an organization: who added, linked, replaced and removed which provider and account, oldest first')
      .option('--account <id>', 'only facts involving this 12-digit AWS account (linked, replaced or moved away from)')
      .option('--provider <name>', 'only facts about this provider (id or any name it had)')
      .option('--service <app/service>', 'only facts about this app/service')
      .option('--stage <stage>', 'only facts about this stage')
      .option('--by <actor>', 'only facts by this actor (the global --actor says who runs the command)')
      .option('--issued', 'list the credentials handed out (the issuance log) instead of the changes')
      .option('--since <time>', 'only facts at or after this ISO time (a date: from its start, UTC)')
      .option('--until <time>', 'only facts at or before this ISO time (a date: to its end, UTC)')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')),
    async (ctx, o) => {
      const orgId = String(o.org);
      const { orgId: _org, ...filters } = auditFiltersOf(orgId, o);
      const format = ctx.out.json ? 'json' : String(o.format);
      if (o.issued) return printIssued(ctx, orgId, filters, format);
      const facts = await (await ctx.reader()).audit({ orgId, ...filters });
      if (format === 'json') return ctx.out.data(facts);
      if (format === 'csv') return void ctx.environment.stdout.write(ctx.out.redactor.redact(auditCsv(facts)));
      ctx.out.table(
        ['at', 'actor', 'action', 'provider', 'account', 'scope', 'replaced', 'position'],
        facts.map((f: AuditFact) => [
          f.at,
          `${f.actor.id} (${f.actor.role})`,
          f.action,
          f.providerName ?? f.providerId ?? '-',
          f.accountId ?? f.accountIds?.join(' ') ?? '-',
          f.scope?.key ?? '-',
          f.replacedProviderName ?? f.replacedProviderId ?? '-',
          f.position,
        ]),
      );
    },
  );
