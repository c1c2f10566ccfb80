import type { Command } from 'commander';
import type { CatalogEntry } from '@providers/sdk';
import { UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';
import { rememberSecrets } from '../remember-secrets.js';
import { unwrap } from '../context.js';
import { accountOptionsOf, credentialOptions, credentialsFrom, sealedWith } from './credential-flags.js';
import { orgCommand } from './subcommand.js';

/** `providers add`: an access role, static keys, or another vendor's secret fields. */
export const registerAdd = (program: Command, define: Define) =>
  define(
    credentialOptions(
      orgCommand(program, 'add', 'add a provider: an AWS access role (--role-arn), AWS static keys (--access-key-id), or secret fields (--secret-field)')
        .requiredOption('--name <name>', 'provider name, unique in the org (any case)')
        .requiredOption('--type <type>', 'vendor: aws, stripe, twilio, …'),
    )
      .option('--id <providerId>', 'provider id (default: generated)')
      .option('--default', 'also make it the org’s default provider of its type (recorded as a second event)')
      .option('--verify', 'check that the role can be assumed with the external id, and not without it (the confused-deputy check)'),
    async (ctx, o) => {
      const orgId = String(o.org);
      let credentials = await credentialsFrom(o, ctx.environment);
      rememberSecrets(ctx.out.redactor, credentials);
      const providers = await ctx.providers();
      const write = ctx.write(orgId);
      if (o.verify) {
        if (credentials.kind !== 'aws-role') throw new UsageError('--verify checks an access role: give --role-arn', 'verify');
        const externalId = credentials.externalId ?? (await providers.externalIdOf(orgId));
        await providers.verifyRole({ roleArn: credentials.roleArn, externalId, orgId, actor: write.actor.id });
        credentials = { ...credentials, externalId };
        ctx.out.note(`verified: ${credentials.roleArn} can be assumed with the external id, and not without it`);
      }
      const result = unwrap(
        await sealedWith(credentials, () => providers.addProvider({
          ...write,
          name: String(o.name),
          type: String(o.type),
          credentials,
          ...accountOptionsOf(o),
          ...(o.id ? { providerId: String(o.id) } : {}),
        })),
      );
      const added = result.events.find((e) => e.event.type === 'ProviderAdded');
      const provider = added?.event.type === 'ProviderAdded' ? await ctx.provider(orgId, added.event.data.providerId) : await ctx.provider(orgId, String(o.name));
      if (o.default) unwrap(await providers.setDefault({ ...ctx.write(orgId), provider: provider.id }));
      if (ctx.out.json) ctx.out.data(withoutUsages(await providers.showProvider(orgId, provider.id)));
      else
        ctx.out.line(
          `added ${provider.type} provider "${provider.name}" (${provider.id})${provider.accountId ? ` for account ${provider.accountId}` : ''}` +
            `${o.default ? `, the org’s default ${provider.type} provider` : ''}`,
        );
    },
  );

const withoutUsages = (entry: CatalogEntry | undefined) => {
  if (!entry) return undefined;
  const { usages: _usages, ...provider } = entry;
  return provider;
};
