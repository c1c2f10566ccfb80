import type { Command } from 'commander';
import type { PlainCredentials } from '@providers/sdk';
import { UsageError } from '../cli-errors.js';
import type { CliEnvironment } from '../context.js';
import { wholeNumber } from '../number-option.js';
import { readSecret, readSecretFields, readStdin } from '../read-secret.js';
import { collect } from './subcommand.js';

/** The credential flags of `add` and `update-credentials`: one of an access role, static keys or secret fields. */
export const credentialOptions = (command: Command): Command =>
  command
    .option('--role-arn <arn>', 'AWS access role to assume through STS')
    .option('--external-id <id>', 'external id the role’s trust policy requires (default: the org’s, generated once)')
    .option('--session-duration <seconds>', 'session duration, 900–43200 s (default 3600)')
    .option('--access-key-id <id>', 'AWS static keys: the access key id')
    .option('--account-id <id>', 'AWS static keys: the 12-digit account the keys belong to (refused if STS observes another)')
    .option('--observe-account', 'AWS static keys: ask STS GetCallerIdentity with the keys which account they act in, and record it (always done in an org with account pins; or PROVIDERS_OBSERVE_ACCOUNT=1)')
    .option('--secret-access-key-stdin', 'read the secret access key from stdin')
    .option('--secret-access-key-env <var>', 'read the secret access key from this environment variable')
    .option('--secret-access-key-file <path>', 'read the secret access key from this file')
    .option('--secret-field <name>', 'a secret field of the vendor (repeatable); values come from stdin, one line per field', collect);

/** The static keys' account flags, as the SDK's write takes them. */
export const accountOptionsOf = (o: Record<string, unknown>) => ({
  ...(o.accountId ? { accountId: String(o.accountId) } : {}),
  ...(o.observeAccount ? { observeAccount: true } : {}),
});

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
