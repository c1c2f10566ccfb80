import type { Command } from 'commander';
import type { Define } from '../program.js';
import { orgCommand, providerCommand } from './subcommand.js';
import { rememberSecrets } from '../remember-secrets.js';
import { unwrap } from '../context.js';
import { accountOptionsOf, credentialOptions, credentialsFrom, sealedWith } from './credential-flags.js';

/** `providers rename`, `update-credentials`, `remove` and `shred`: an admin's changes to one provider. */
export const registerManage = (program: Command, define: Define) => {
  define(
    providerCommand(program, 'rename', 'rename a provider')
      .requiredOption('--to <name>', 'the new name'),
    async (ctx, o) => {
      const { orgId, provider } = await ctx.providerNamed(o);
      const result = unwrap(await (await ctx.providers()).renameProvider({ ...ctx.write(orgId), provider: provider.id, name: String(o.to) }));
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, from: provider.name, to: String(o.to), events: result.events.length });
      ctx.out.line(result.events.length ? `renamed "${provider.name}" to "${o.to}"` : 'no change');
    },
  );

  define(
    credentialOptions(providerCommand(program, 'update-credentials', 'replace a provider’s credentials (same flags as add)')),
    async (ctx, o) => {
      const { orgId, provider } = await ctx.providerNamed(o);
      const credentials = await credentialsFrom(o, ctx.environment);
      rememberSecrets(ctx.out.redactor, credentials);
      const providers = await ctx.providers();
      unwrap(
        await sealedWith(credentials, () =>
          providers.updateCredentials({
            ...ctx.write(orgId),
            provider: provider.id,
            credentials,
            ...accountOptionsOf(o),
          }),
        ),
      );
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, updated: true });
      ctx.out.line(`updated the credentials of "${provider.name}"`);
    },
  );

  define(
    providerCommand(program, 'remove', 'remove a provider; refused while it is linked or a default, unless --force')
      .option('--force', 'unlink it everywhere and clear its defaults first (each recorded as an event)')
      .option('--shred', 'also delete its data key, so its sealed secrets can never be read again'),
    async (ctx, o) => {
      const { orgId, provider } = await ctx.providerNamed(o);
      const result = unwrap(
        await (await ctx.providers()).removeProvider({
          ...ctx.write(orgId),
          provider: provider.id,
          ...(o.force ? { force: true } : {}),
          ...(o.shred ? { shred: true } : {}),
        }),
      );
      const released = result.events.filter((e) => e.event.type !== 'ProviderRemoved').length;
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, removed: true, released, shredded: Boolean(o.shred) });
      ctx.out.line(`removed "${provider.name}"${released ? ` after releasing ${released} usage(s)` : ''}${o.shred ? '; its secrets are shredded' : ''}`);
    },
  );

  define(
    orgCommand(program, 'shred', 'finish shredding the data keys of providers removed with --shred'),
    async (ctx, o) => {
      ctx.requireManager('shred');
      const orgId = String(o.org);
      const shredded = await (await ctx.providers()).shred(orgId);
      if (ctx.out.json) return ctx.out.data({ orgId, shredded });
      ctx.out.line(shredded.length ? `shredded ${shredded.length} data key(s): ${shredded.join(', ')}` : 'nothing left to shred');
    },
  );
};
