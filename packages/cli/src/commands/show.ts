import type { Command } from 'commander';
import type { CatalogProvider, ProviderUsages } from '@providers/sdk';
import { Rejected } from '../cli-errors.js';
import type { Define } from '../program.js';
import { orgCommand, providerCommand } from './subcommand.js';

/** One line per usage: where, and who set it when. */
export const usageLines = (usages: ProviderUsages): string[] => [
  ...usages.defaults.map((d) => `org default (${d.type}), set by ${d.set.actor.id} at ${d.set.at}`),
  ...usages.services.map((s) => `service ${s.app}/${s.service}, linked by ${s.linked.actor.id} at ${s.linked.at}`),
  ...usages.instances.map(
    (i) => `${i.region ? 'instance' : 'stage'} ${[i.app, i.service, i.stage, i.region].filter(Boolean).join('/')}, linked by ${i.linked.actor.id} at ${i.linked.at}`,
  ),
];

const usageCount = (usages: ProviderUsages) => usages.defaults.length + usages.services.length + usages.instances.length;

/** `providers show`: one provider and where it is used (the provider catalog). */
export const registerShow = (program: Command, define: Define) =>
  define(
    providerCommand(program, 'show', 'show a provider and where it is used, with who linked it when'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const shown = await (await ctx.reader()).showProvider(orgId, String(o.provider));
      if (!shown)
        throw new Rejected({ _tag: 'ProviderNotFound', field: 'providerId', providerId: String(o.provider), message: `no provider "${String(o.provider)}" in organization ${orgId} (--provider)` });
      const { usages, ...provider } = shown;
      if (ctx.out.json) return ctx.out.data(shown);
      ctx.out.line(`${provider.name} (${provider.id})`);
      for (const [label, value] of details(provider)) ctx.out.line(`  ${`${label}:`.padEnd(18)} ${value}`);
      ctx.out.line(`  used by:${usageCount(usages) === 0 ? '           nothing' : ''}`);
      for (const line of usageLines(usages)) ctx.out.line(`    - ${line}`);
    },
  );

const details = (p: CatalogProvider): [string, string][] =>
  [
    ['type', p.type],
    ['credentials', p.credentialsKind],
    ['account', p.accountId],
    ['role ARN', p.roleArn],
    ['external id', p.externalId],
    ['session duration', p.sessionDurationSeconds === undefined ? undefined : `${p.sessionDurationSeconds} s`],
    ['access key id', p.accessKeyId],
    ['secret fields', p.secretFieldNames?.join(', ')],
    ['added', `by ${p.addedBy.id} at ${p.addedAt}`],
  ].filter((row): row is [string, string] => row[1] !== undefined);

/** `providers list`: the org's providers with where each is used. */
export const registerList = (program: Command, define: Define) =>
  define(
    orgCommand(program, 'list', 'list the providers of an organization and where each is used'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const providers = (await (await ctx.reader()).listProviders(orgId)).sort((a, b) => a.name.localeCompare(b.name));
      if (providers.length === 0) await ctx.noteIfUnknown(orgId);
      if (ctx.out.json) return ctx.out.data(providers);
      ctx.out.table(
        ['name', 'type', 'kind', 'account', 'used by', 'id'],
        providers.map((p) => {
          const { usages } = p;
          const where = [
            ...usages.defaults.map((d) => `org default (${d.type})`),
            ...usages.services.map((s) => `service ${s.app}/${s.service}`),
            ...usages.instances.map((i) => `${i.region ? 'instance' : 'stage'} ${[i.app, i.service, i.stage, i.region].filter(Boolean).join('/')}`),
          ];
          return [p.name, p.type, p.credentialsKind, p.accountId ?? '-', where.join('; ') || '-', p.id];
        }),
      );
    },
  );
