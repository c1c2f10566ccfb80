import type { Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import { unwrap, type CliContext } from '../context.js';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';
import { providerNameOf } from '../provider-name.js';
import { targetOf, targetOptions, targetText } from './target-options.js';

/** `providers link` and `unlink`: a member's changes to where providers are used. */
export const registerLink = (program: Command, define: Define) => {
  define(
    targetOptions(
      orgCommand(program, 'link', 'link a provider (--provider) or local credentials (--local) to a service, or to an instance with --stage [--region]')
        .option('--provider <name>', 'provider name or id (or --local)')
        .option('--local', 'deploy there with the deployer’s own credentials, on purpose: no provider, and no inherited one')
        .option('--type <type>', 'with --local: the vendor type (default aws)'),
      { stage: 'optional', type: false },
    ).option('--replace', 'replace what is already linked there for the same type'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const target = targetOf(o);
      const scope = targetText(o);
      if ((o.provider === undefined) === (o.local === undefined)) throw new UsageError('give exactly one of --provider or --local', 'provider');
      if (o.type !== undefined && o.local === undefined) throw new UsageError('--type goes with --local (a provider link takes its provider’s type)', 'type');
      const providers = await ctx.providers();
      const replace = o.replace ? { replace: true } : {};
      if (o.local) {
        const type = String(o.type ?? 'aws');
        const result = unwrap(await providers.linkLocalCredentials({ ...ctx.write(orgId), ...target, type, ...replace }));
        const replaced = replacedBy(result.events[0]?.event);
        if (ctx.out.json) return ctx.out.data({ local: true, type, scope, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
        return ctx.out.line(
          result.events.length
            ? `${scope} deploys with local ${type} credentials on purpose${replaced ? ` (replacing ${await providerNameOf(ctx, orgId, replaced)})` : ''}`
            : `${scope} already deploys with local ${type} credentials`,
        );
      }
      const provider = await ctx.provider(orgId, String(o.provider));
      const result = unwrap(await providers.link({ ...ctx.write(orgId), ...target, provider: provider.id, ...replace }));
      const replaced = replacedBy(result.events[0]?.event);
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, scope, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
      ctx.out.line(
        result.events.length
          ? `linked "${provider.name}" to ${scope}${replaced ? ` (replacing ${await providerNameOf(ctx, orgId, replaced)})` : ''}`
          : `"${provider.name}" is already linked to ${scope}`,
      );
    },
  );

  define(
    targetOptions(
      orgCommand(program, 'unlink', 'unlink the provider of a type from a service or an instance'),
      { stage: 'optional', type: true },
    ),
    async (ctx, o) => {
      const orgId = String(o.org);
      const result = unwrap(await (await ctx.providers()).unlink({ ...ctx.write(orgId), ...targetOf(o) }));
      const unlinked = result.events[0]?.event;
      const local = unlinked?.type === 'LocalCredentialsUnlinked';
      const providerId = unlinked && 'providerId' in unlinked.data ? unlinked.data.providerId : null;
      if (ctx.out.json) return ctx.out.data({ providerId, ...(local ? { local: true } : {}), scope: targetText(o) });
      ctx.out.line(local ? `${targetText(o)} no longer deploys with local ${o.type} credentials` : `unlinked the ${o.type} provider from ${targetText(o)}`);
    },
  );
};

/** The provider a link replaced, if it replaced one (a local-credentials link replaced has none). */
const replacedBy = (event: { readonly data: object } | undefined): string | undefined => {
  const id = event && 'replacedProviderId' in event.data ? event.data.replacedProviderId : undefined;
  return typeof id === 'string' ? id : undefined;
};
