import type { Command } from 'commander';
import { unwrap } from '../context.js';
import type { Define } from '../program.js';
import { orgCommand, providerCommand, subcommand } from './subcommand.js';
import { providerNameOf } from '../provider-name.js';

/** `providers default set|clear`: the organization default of a type. */
export const registerDefault = (program: Command, define: Define) => {
  const group = subcommand(program, 'default', 'set or clear the organization default provider of a type');
  define(
    providerCommand(group, 'set', 'make a provider the organization default for its type')
      .option('--replace', 'replace the default already set for the type'),
    async (ctx, o) => {
      const { orgId, provider } = await ctx.providerNamed(o);
      const replace = o.replace ? { replace: true } : {};
      const result = unwrap(await (await ctx.providers()).setDefault({ ...ctx.write(orgId), provider: provider.id, ...replace }));
      const set = result.events[0]?.event;
      const replaced = set?.type === 'DefaultProviderSet' ? set.data.replacedProviderId : undefined;
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, type: provider.type, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `"${provider.name}" is the default ${provider.type} provider${replaced ? ` (replacing ${await providerNameOf(ctx, orgId, replaced)})` : ''}` : 'no change');
    },
  );
  define(
    orgCommand(group, 'clear', 'clear the organization default of a type')
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
