import type { Command } from 'commander';
import { serve, Tokens } from '@providers/http';
import { UsageError } from '../cli-errors.js';
import { wholeNumber } from '../number-option.js';
import type { Define } from '../program.js';
import { subcommand } from './subcommand.js';

/** `providers serve`: the HTTP API and the web console on the store, until SIGINT or SIGTERM. */
export const registerServe = (program: Command, define: Define) =>
  define(
    subcommand(program, 'serve', 'serve the HTTP API (/api) and the web console (/console) on the store')
      .requiredOption('--tokens <file>', 'JSON array of { "token", "actor", "role", "orgs": [...] }')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on (0: any free one)', '8080'),
    async (ctx, o) => {
      const port = wholeNumber('port', o.port);
      if (port > 65535) throw new UsageError(`--port must be 0–65535 (got ${JSON.stringify(o.port)})`, 'port');
      const tokens = Tokens.fromFile(String(o.tokens));
      const running = await serve({ providers: await ctx.providers(), tokens, host: String(o.host), port });
      if (ctx.out.json) ctx.out.data({ url: running.url });
      else ctx.out.line(`serving ${running.url} — the console at ${running.url}/console, the API at ${running.url}/api`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await running.close();
    },
  );
