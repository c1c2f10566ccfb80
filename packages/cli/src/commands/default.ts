import type { Command } from 'commander';
import { unwrap } from '../context.js';
import type { Define } from '../program.js';
import { providerNameOf } from '../provider-name.js';

/** `providers default set|clear`: the organization default of a type. */
export const registerDefault = (program: Command, define: Define) => {
  const group = program.command('default').description('set or clear the organization default provider of a type');
  define(
    group
      .command('set')
      .description('make a provider the organization default for its type')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id')
      .option('--replace', 'replace the default already set for the type'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const provider = await ctx.provider(orgId, String(o.provider));
      const replace = o.replace ? { replace: true } : {};
      const result = unwrap(await (await ctx.providers()).setDefault({ ...ctx.write(orgId), provider: provider.id, ...replace }));
      const set = result.events[0]?.event;
      const replaced = set?.type === 'DefaultProviderSet' ? set.data.replacedProviderId : undefined;
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, type: provider.type, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `"${provider.name}" is the default ${provider.type} provider${replaced ? ` (replacing ${await providerNameOf(ctx, orgId, replaced)})` : ''}` : 'no change');
    },
  );
  define(
    group
      .command('clear')
      .description('clear the organization default of a type')
      .requiredOption('--org <org>', 'organization id')
      .option('--type <type>', 'vendor type', 'aws'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const result = unwrap(await (await ctx.providers()).clearDefault({ ...ctx.write(orgId), type: String(o.type) }));
      const cleared = result.events[0]?.event;
      const providerId = cleared?.type === 'DefaultProviderCleared' ? cleared.data.providerId : null;
      if (ctx.out.json) return ctx.out.data({ type: String(o.type), clearedProviderId: providerId });
      ctx.out.line(`cleared the default ${o.type} provider`);
    },
  );
};
