import { Command, Option } from 'commander';
import { UsageError } from '../cli-errors.js';
import { toCredentialProcess } from '@providers/sdk';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';
import { deploymentOf, targetOptions } from './target-options.js';

/** `providers credentials`: vend the credentials a deployment uses, as env exports, JSON or credential_process. */
export const registerCredentials = (program: Command, define: Define) =>
  define(
    targetOptions(
      orgCommand(program, 'credentials', 'vend the credentials this deployment resolves to (assumes the role through STS)'),
      { stage: 'required', type: true },
    )
      .addOption(new Option('--format <format>', 'env exports, JSON, or the AWS CLI credential_process object').choices(['env', 'json', 'process']).default('env'))
      .option('--allow-local-fallback', 'with no provider resolved, hand out this machine’s own AWS credentials'),
    async (ctx, o) => {
      const format = ctx.out.json ? 'json' : String(o.format);
      if (format === 'process' && String(o.type) !== 'aws')
        throw new UsageError('--format process prints the AWS CLI credential_process object: it is for --type aws only', 'format');
      const result = await (await ctx.providers()).vend({
        orgId: String(o.org),
        ...deploymentOf(o),
        actor: ctx.actor().id,
        ...(o.allowLocalFallback ? { allowLocalFallback: true } : {}),
      });
      if (result.kind === 'aws' && result.session?.clampedFrom !== undefined)
        ctx.out.note(
          `note: the vending identity is itself a role session, and STS caps role chaining at 3600 s: ` +
            `this session lasts ${result.session.durationSeconds} s, not the provider's ${result.session.clampedFrom} s`,
        );
      // This command's purpose is to print the secret: write it unredacted, to stdout only.
      const print = (text: string) => void ctx.environment.stdout.write(`${text}\n`);
      if (result.kind === 'secret') {
        if (format === 'env') for (const [name, value] of Object.entries(result.fields)) print(`export ${envName(name)}=${shellQuote(value)}`);
        else print(JSON.stringify({ provider: result.provider, source: result.source, fields: result.fields }, null, 2));
        return;
      }
      if (format === 'process') return print(JSON.stringify(toCredentialProcess(result)));
      if (format === 'json')
        return print(
          JSON.stringify(
            {
              provider: result.provider,
              source: result.source,
              accountId: result.accountId ?? null,
              accessKeyId: result.accessKeyId,
              secretAccessKey: result.secretAccessKey,
              sessionToken: result.sessionToken ?? null,
              expiration: result.expiration?.toISOString() ?? null,
            },
            null,
            2,
          ),
        );
      print(`export AWS_ACCESS_KEY_ID=${shellQuote(result.accessKeyId)}`);
      print(`export AWS_SECRET_ACCESS_KEY=${shellQuote(result.secretAccessKey)}`);
      if (result.sessionToken) print(`export AWS_SESSION_TOKEN=${shellQuote(result.sessionToken)}`);
      else print('unset AWS_SESSION_TOKEN');
    },
  );

const envName = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
