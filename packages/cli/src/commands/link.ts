import type { Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';

/** `providers link` and `unlink`: a member's changes to where providers are used. */
export const registerLink = (program: Command, define: Define) => {
  define(
    program
      .command('link')
      .description('link a provider to a service, or to an instance with --stage [--region]')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id')
      .requiredOption('--app <app>', 'app name')
      .requiredOption('--service <service>', 'service name')
      .option('--stage <stage>', 'link an instance of this stage (all its regions, unless --region)')
      .option('--region <region>', 'link only the instance in this AWS region (needs --stage)')
      .option('--replace', 'replace the provider of the same type already linked there'),
    async (ctx, o) => {
      const orgId = String(o.org);
      if (o.region !== undefined && o.stage === undefined) throw new UsageError('--region needs --stage', 'region');
      const provider = await ctx.provider(orgId, String(o.provider));
      const base = { ...ctx.envelope(orgId), providerId: provider.id, app: String(o.app), service: String(o.service), ...(o.replace ? { replace: true } : {}) };
      const result = await ctx.execute(
        o.stage === undefined
          ? { type: 'LinkProviderToService', ...base }
          : { type: 'LinkProviderToInstance', ...base, stage: String(o.stage), ...(o.region !== undefined ? { region: String(o.region) } : {}) },
      );
      const linked = result.events[0]?.event;
      const replaced = linked && 'replacedProviderId' in linked.data ? linked.data.replacedProviderId : undefined;
      const scope = [o.app, o.service, o.stage, o.region].filter((v) => v !== undefined).join('/');
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, scope, replacedProviderId: replaced ?? null, changed: result.events.length > 0 });
      ctx.out.line(result.events.length ? `linked "${provider.name}" to ${scope}${replaced ? ` (replacing ${replaced})` : ''}` : `"${provider.name}" is already linked to ${scope}`);
    },
  );

  define(
    program
      .command('unlink')
      .description('unlink the provider of a type from a service or an instance')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--app <app>', 'app name')
      .requiredOption('--service <service>', 'service name')
      .option('--stage <stage>', 'the instance’s stage')
      .option('--region <region>', 'the instance’s AWS region (needs --stage)')
      .option('--type <type>', 'vendor type', 'aws'),
    async (ctx, o) => {
      const orgId = String(o.org);
      if (o.region !== undefined && o.stage === undefined) throw new UsageError('--region needs --stage', 'region');
      const base = { ...ctx.envelope(orgId), app: String(o.app), service: String(o.service), providerType: String(o.type) };
      const result = await ctx.execute(
        o.stage === undefined
          ? { type: 'UnlinkProviderFromService', ...base }
          : { type: 'UnlinkProviderFromInstance', ...base, stage: String(o.stage), ...(o.region !== undefined ? { region: String(o.region) } : {}) },
      );
      const unlinked = result.events[0]?.event;
      const scope = [o.app, o.service, o.stage, o.region].filter((v) => v !== undefined).join('/');
      const providerId = unlinked && 'providerId' in unlinked.data ? unlinked.data.providerId : null;
      if (ctx.out.json) return ctx.out.data({ providerId, scope });
      ctx.out.line(`unlinked the ${o.type} provider from ${scope}`);
    },
  );
};
