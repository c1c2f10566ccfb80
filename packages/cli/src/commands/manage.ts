import type { Command } from 'commander';
import type { Define } from '../program.js';
import { rememberSecrets } from '../remember-secrets.js';
import { unwrap } from '../context.js';
import { credentialsFrom, sealedWith } from './add.js';

/** `providers rename`, `update-credentials`, `remove` and `shred`: an admin's changes to one provider. */
export const registerManage = (program: Command, define: Define) => {
  define(
    program
      .command('rename')
      .description('rename a provider')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id')
      .requiredOption('--to <name>', 'the new name'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const provider = await ctx.provider(orgId, String(o.provider));
      const result = unwrap(await (await ctx.providers()).renameProvider({ ...ctx.write(orgId), provider: provider.id, name: String(o.to) }));
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, from: provider.name, to: String(o.to), events: result.events.length });
      ctx.out.line(result.events.length ? `renamed "${provider.name}" to "${o.to}"` : 'no change');
    },
  );

  define(
    program
      .command('update-credentials')
      .description('replace a provider’s credentials (same flags as add)')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id')
      .option('--role-arn <arn>', 'AWS access role')
      .option('--external-id <id>', 'external id')
      .option('--session-duration <seconds>', 'session duration, 900–43200 s')
      .option('--access-key-id <id>', 'AWS static keys: the access key id')
      .option('--account-id <id>', 'AWS static keys: the account id (refused if STS observes another)')
      .option('--observe-account', 'AWS static keys: ask STS which account the new keys act in, and record it (always done in an org with account pins)')
      .option('--secret-access-key-stdin', 'read the secret access key from stdin')
      .option('--secret-access-key-env <var>', 'read the secret access key from this environment variable')
      .option('--secret-access-key-file <path>', 'read the secret access key from this file')
      .option('--secret-field <name>', 'a secret field (repeatable); values from stdin, one line each', (v: string, p: string[] = []) => [...p, v]),
    async (ctx, o) => {
      const orgId = String(o.org);
      const provider = await ctx.provider(orgId, String(o.provider));
      const credentials = await credentialsFrom(o, ctx.environment);
      rememberSecrets(ctx.out.redactor, credentials);
      const providers = await ctx.providers();
      unwrap(
        await sealedWith(credentials, () =>
          providers.updateCredentials({
            ...ctx.write(orgId),
            provider: provider.id,
            credentials,
            ...(o.accountId ? { accountId: String(o.accountId) } : {}),
            ...(o.observeAccount ? { observeAccount: true } : {}),
          }),
        ),
      );
      if (ctx.out.json) return ctx.out.data({ providerId: provider.id, updated: true });
      ctx.out.line(`updated the credentials of "${provider.name}"`);
    },
  );

  define(
    program
      .command('remove')
      .description('remove a provider; refused while it is linked or a default, unless --force')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--provider <name>', 'provider name or id')
      .option('--force', 'unlink it everywhere and clear its defaults first (each recorded as an event)')
      .option('--shred', 'also delete its data key, so its sealed secrets can never be read again'),
    async (ctx, o) => {
      const orgId = String(o.org);
      const provider = await ctx.provider(orgId, String(o.provider));
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
    program
      .command('shred')
      .description('finish shredding the data keys of providers removed with --shred')
      .requiredOption('--org <org>', 'organization id'),
    async (ctx, o) => {
      ctx.requireManager('shred');
      const orgId = String(o.org);
      const shredded = await (await ctx.providers()).shred(orgId);
      if (ctx.out.json) return ctx.out.data({ orgId, shredded });
      ctx.out.line(shredded.length ? `shredded ${shredded.length} data key(s): ${shredded.join(', ')}` : 'nothing left to shred');
    },
  );
};
