import type { Command } from 'commander';
import { unwrap } from '../context.js';
import type { Define } from '../program.js';
import { targetOf, targetOptions, targetText } from './target-options.js';

/** `providers link` and `unlink`: a member's changes to where providers are used. */
export const registerLink = (program: Command, define: Define) => {
  define(
    targetOptions(
      program
        .command('link')
        .description('link a provider to a service, or to an instance with --stage [--region]')
        .requiredOption('--org <org>', 'organization id')
        .requiredOption('--provider <name>', 'provider name or id'),
      { stage: 'optional', type: false },
    ).option('--replace', 'replace the provider of the same type already linked there'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const target = targetOf(o);
      const provider = await ctx.provider(orgId, String(o.provider));
      const providers = await ctx.providers();
      const result = unwrap(await providers.link({ ...ctx.write(orgId), ...target, provider: provider.id, ...(o.replace ? { replace: true } : {}) }));
      const linked = result.events[0]?.event;
      const replaced = linked && 'replacedProviderId' in linked.data ? linked.data.replacedProviderId : undefined;
      const scope = targetText(o);
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, scope, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `linked "${provider.name}" to ${scope}${replaced ? ` (replacing ${replaced})` : ''}` : `"${provider.name}" is already linked to ${scope}`);
    },
  );

  define(
    targetOptions(
      program.command('unlink').description('unlink the provider of a type from a service or an instance').requiredOption('--org <org>', 'organization id'),
      { stage: 'optional', type: true },
    ),
    async (ctx, o) => {
      const orgId = String(o.org);
      const result = unwrap(await (await ctx.providers()).unlink({ ...ctx.write(orgId), ...targetOf(o) }));
      const unlinked = result.events[0]?.event;
      const providerId = unlinked && 'providerId' in unlinked.data ? unlinked.data.providerId : null;
      if (ctx.out.json) return ctx.out.data({ providerId, scope: targetText(o) });
      ctx.out.line(`unlinked the ${o.type} provider from ${targetText(o)}`);
    },
  );
};
