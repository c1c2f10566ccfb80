import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';
import { subcommand } from './subcommand.js';

// Single-quoted for a POSIX shell: nothing inside is expanded.
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** `providers serverless-env`: the export lines that point the Serverless Framework v3 CLI at `providers serve`. */
export const registerServerlessEnv = (program: Command, define: Define) =>
  define(
    subcommand(program, 'serverless-env', "print the environment for the Serverless Framework v3 CLI to fetch credentials from 'providers serve' (eval \"$(providers serverless-env --url URL)\")")
      .requiredOption('--url <url>', 'the base URL of providers serve, e.g. http://127.0.0.1:8080')
      .option('--required', 'fail the serverless command instead of deploying with local credentials when Providers answers none'),
    async (ctx, o) => {
      let url: URL;
      try {
        url = new URL(String(o.url));
      } catch {
        throw new UsageError(`--url must be an http(s) URL such as http://127.0.0.1:8080 (got ${JSON.stringify(o.url)})`, 'url');
      }
      if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password)
        throw new UsageError('--url must be an http(s) URL without credentials, query or fragment', 'url');
      const preload = createRequire(import.meta.url).resolve('@providers/http/serverless-v3-preload');
      const variables: Record<string, string> = {
        NODE_OPTIONS: `--require "${preload}"`,
        PROVIDERS_URL: url.href.replace(/\/+$/, ''),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...(o.required ? { PROVIDERS_REQUIRED: '1' } : {}),
      };
      if (ctx.out.json) return ctx.out.data(variables);
      for (const [name, value] of Object.entries(variables)) ctx.out.line(`export ${name}=${shellQuote(value)}`);
    },
  );
