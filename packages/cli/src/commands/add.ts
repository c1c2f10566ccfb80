import type { Command } from 'commander';
import type { CatalogEntry, PlainCredentials } from '@providers/sdk';
import { UsageError } from '../cli-errors.js';
import { wholeNumber } from '../number-option.js';
import type { Define } from '../program.js';
import { readSecret, readSecretFields, readStdin } from '../read-secret.js';
import { rememberSecrets } from '../remember-secrets.js';
import { unwrap, type CliEnvironment } from '../context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `providers add`: an access role, static keys, or another vendor's secret fields. */
export const registerAdd = (program: Command, define: Define) =>
  define(
    program
      .command('add')
      .description('add a provider: an AWS access role (--role-arn), AWS static keys (--access-key-id), or secret fields (--secret-field)')
      .requiredOption('--org <org>', 'organization id')
      .requiredOption('--name <name>', 'provider name, unique in the org (any case)')
      .requiredOption('--type <type>', 'vendor: aws, stripe, twilio, …')
      .option('--role-arn <arn>', 'AWS access role to assume through STS')
      .option('--external-id <id>', 'external id the role’s trust policy requires (default: the org’s, generated once)')
      .option('--session-duration <seconds>', 'session duration, 900–43200 s (default 3600)')
      .option('--access-key-id <id>', 'AWS static keys: the access key id')
      .option('--account-id <id>', 'AWS static keys: the 12-digit account the keys belong to (refused if STS observes another)')
      .option('--observe-account', 'AWS static keys: ask STS GetCallerIdentity with the keys which account they act in, and record it (always done in an org with account pins; or PROVIDERS_OBSERVE_ACCOUNT=1)')
      .option('--secret-access-key-stdin', 'read the secret access key from stdin')
      .option('--secret-access-key-env <var>', 'read the secret access key from this environment variable')
      .option('--secret-access-key-file <path>', 'read the secret access key from this file')
      .option('--secret-field <name>', 'a secret field of the vendor (repeatable); values come from stdin, one line per field', collect)
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
          ...(o.accountId ? { accountId: String(o.accountId) } : {}),
          ...(o.observeAccount ? { observeAccount: true } : {}),
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

/**
 * Runs a write that seals these credentials. Without a master key, the first
 * static keys or secret fields of a store are a set-up step still to do, said as such.
 */
export const sealedWith = async <A>(credentials: PlainCredentials, write: () => Promise<A>): Promise<A> => {
  try {
    return await write();
  } catch (error) {
    if (credentials.kind === 'aws-role' || (error as { _tag?: unknown } | undefined)?._tag !== 'MasterKeyMissing') throw error;
    throw new UsageError(
      'static keys and secret fields are sealed with a master key, and none is configured: set PROVIDERS_MASTER_KEY (`providers master-key generate` prints one) or PROVIDERS_MASTER_KEY_FILE',
      'master-key',
    );
  }
};

const withoutUsages = (entry: CatalogEntry | undefined) => {
  if (!entry) return undefined;
  const { usages: _usages, ...provider } = entry;
  return provider;
};

/** Credentials from the flags; secrets only from stdin, the environment or a file. */
export const credentialsFrom = async (o: Record<string, unknown>, environment: CliEnvironment): Promise<PlainCredentials> => {
  const { stdin, env } = environment;
  const kinds = [o.roleArn, o.accessKeyId, o.secretField].filter((v) => v !== undefined).length;
  if (kinds !== 1) throw new UsageError('give exactly one of --role-arn, --access-key-id or --secret-field', 'credentials');
  if (o.roleArn !== undefined) {
    const duration = o.sessionDuration === undefined ? undefined : wholeNumber('session-duration', o.sessionDuration);
    return {
      kind: 'aws-role',
      roleArn: String(o.roleArn),
      ...(o.externalId !== undefined ? { externalId: String(o.externalId) } : {}),
      ...(duration !== undefined ? { sessionDurationSeconds: duration } : {}),
    };
  }
  if (o.accessKeyId !== undefined) {
    const secretAccessKey = await readSecret(
      'secret-access-key',
      {
        ...(o.secretAccessKeyStdin ? { stdin: true } : {}),
        ...(o.secretAccessKeyEnv ? { env: String(o.secretAccessKeyEnv) } : {}),
        ...(o.secretAccessKeyFile ? { file: String(o.secretAccessKeyFile) } : {}),
      },
      env,
      () => readStdin(stdin),
    );
    return { kind: 'aws-keys', accessKeyId: String(o.accessKeyId), secretAccessKey };
  }
  const names = o.secretField as string[];
  return { kind: 'secret', fields: await readSecretFields(names, await readStdin(stdin)) };
};
