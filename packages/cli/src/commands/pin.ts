import type { Command } from 'commander';
import { unwrap } from '../context.js';
import type { Define } from '../program.js';
import { collect, orgCommand } from './subcommand.js';
import { targetText } from './target-options.js';

/** The scope options of a pin: none for the org, --app and --service for a service, and --stage [--region] below. */
const pinTarget = (command: Command): Command =>
  command
    .option('--app <app>', 'app name (with --service: pin a service; none: pin the whole org)')
    .option('--service <service>', 'service name')
    .option('--stage <stage>', 'a stage of the service: all its regions, unless --region')
    .option('--region <region>', 'only the instance in this AWS region (needs --stage)');

const targetOf = (o: Record<string, unknown>) => ({
  ...(o.app !== undefined ? { app: String(o.app) } : {}),
  ...(o.service !== undefined ? { service: String(o.service) } : {}),
  ...(o.stage !== undefined ? { stage: String(o.stage) } : {}),
  ...(o.region !== undefined ? { region: String(o.region) } : {}),
});

const scopeText = (o: Record<string, unknown>): string => (o.app === undefined && o.service === undefined ? 'the organization' : targetText(o));

/** `providers pin` and `unpin`: an admin binds a scope to the AWS accounts its deployments may use. */
export const registerPin = (program: Command, define: Define) => {
  define(
    pinTarget(
      orgCommand(program, 'pin', 'pin the org, a service, a stage or an instance to the AWS accounts it may deploy to (refused if a link already breaks it)'),
    )
      .requiredOption('--account <id>', 'a 12-digit AWS account id it may use (repeatable)', collect)
      .requiredOption('--reason <text>', 'why, for the audit trail'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const accountIds = (o.account as string[]).map(String);
      const result = unwrap(await (await ctx.providers()).pin({ ...ctx.write(orgId), ...targetOf(o), accountIds, reason: String(o.reason) }));
      if (ctx.out.json) return ctx.out.data({ scope: scopeText(o), accountIds, changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `pinned ${scopeText(o)} to ${accountIds.join(', ')}` : `${scopeText(o)} is pinned to ${accountIds.join(', ')} already`);
    },
  );

  define(
    pinTarget(orgCommand(program, 'unpin', 'remove the account pin of the org, a service, a stage or an instance')).requiredOption(
      '--reason <text>',
      'why, for the audit trail',
    ),
    async (ctx, o) => {
      const orgId = String(o.org);
      const result = unwrap(await (await ctx.providers()).unpin({ ...ctx.write(orgId), ...targetOf(o), reason: String(o.reason) }));
      if (ctx.out.json) return ctx.out.data({ scope: scopeText(o), changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `unpinned ${scopeText(o)}` : `${scopeText(o)} had no pin`);
    },
  );
};
