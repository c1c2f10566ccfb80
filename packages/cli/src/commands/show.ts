import type { Command } from 'commander';
import { usagesOf, type ProviderState, type Usage } from '@providers/domain';
import type { Define } from '../program.js';

/** A provider as the CLI shows it: never a secret, only what identifies it. */
export const describeProvider = (provider: ProviderState) => {
  const c = provider.credentials;
  return {
    id: provider.id,
    name: provider.name,
    type: provider.type,
    accountId: provider.accountId ?? null,
    credentials:
      c.kind === 'aws-role'
        ? { kind: c.kind, roleArn: c.roleArn, externalId: c.externalId, sessionDurationSeconds: c.sessionDurationSeconds }
        : c.kind === 'aws-keys'
          ? { kind: c.kind, accessKeyId: c.accessKeyId, secretAccessKey: 'sealed' }
          : { kind: c.kind, fields: Object.fromEntries(Object.keys(c.fields).map((f) => [f, 'sealed'])) },
  };
};

export const usageText = (usage: Usage): string =>
  usage.kind === 'default'
    ? `org default (${usage.type})`
    : usage.kind === 'service'
      ? `service ${usage.app}/${usage.service}`
      : `instance ${[usage.app, usage.service, usage.stage, usage.region].filter(Boolean).join('/')}`;

/** `providers show`: one provider and where it is used. */
export const registerShow = (program: Command, define: Define) =>
  define(
    program
      .command('show')
      .description('show a provider and where it is used')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const provider = await ctx.provider(orgId, String(o.provider));
      const usages = usagesOf(await (await ctx.providers()).state(orgId), provider.id);
      if (ctx.out.json) return ctx.out.data({ ...describeProvider(provider), usages });
      const d = describeProvider(provider);
      ctx.out.line(`${d.name} (${d.id})`);
      ctx.out.line(`  type:        ${d.type}`);
      ctx.out.line(`  account:     ${d.accountId ?? '-'}`);
      for (const [key, value] of Object.entries(d.credentials)) ctx.out.line(`  ${`${key}:`.padEnd(12)} ${typeof value === 'object' ? Object.keys(value).join(', ') : value}`);
      ctx.out.line(`  used by:     ${usages.length === 0 ? 'nothing' : ''}`);
      for (const usage of usages) ctx.out.line(`    - ${usageText(usage)}`);
    },
  );

/** `providers list`: the org's providers with how much each is used. */
export const registerList = (program: Command, define: Define) =>
  define(
    program.command('list').description('list the providers of an organization and where each is used').requiredOption('--org <org>', 'organization id'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const state = await (await ctx.providers()).state(orgId);
      const providers = [...state.providers.values()].sort((a, b) => a.name.localeCompare(b.name));
      if (ctx.out.json) return ctx.out.data(providers.map((p) => ({ ...describeProvider(p), usages: usagesOf(state, p.id) })));
      ctx.out.table(
        ['name', 'type', 'kind', 'account', 'used by', 'id'],
        providers.map((p) => {
          const usages = usagesOf(state, p.id);
          return [p.name, p.type, p.credentials.kind, p.accountId ?? '-', usages.map(usageText).join('; ') || '-', p.id];
        }),
      );
    },
  );
