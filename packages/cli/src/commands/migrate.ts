import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { migrationText } from '@providers/sdk';
import { Rejected, UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';
import { progressBar } from '../progress.js';

/** `providers migrate`: deployment profiles → providers, as a replay of the legacy events. */
export const registerMigrate = (program: Command, define: Define) =>
  define(
    orgCommand(program, 'migrate', 'import a legacy export (deployment profiles) and migrate it to providers; idempotent', 'organization id (must match the export’s "org")')
      .requiredOption('--from <file>', 'the legacy export JSON (format: packages/migration/README.md)')
      .option('--dry-run', 'print the plan, append nothing (every decision is listed up to a size; all with the global --verbose)'),
    async (ctx, o) => {
      const orgId = String(o.org);
      let text: string;
      try {
        text = readFileSync(String(o.from), 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read --from ${String(o.from)}: ${(error as Error).message}`, 'from');
      }
      const bar = progressBar(ctx.environment.stderr, 'migrating');
      const result = await (await ctx.providers()).migrate({
        orgId,
        legacyExport: text,
        dryRun: Boolean(o.dryRun),
        onProgress: ({ done, total }) => bar.update(done, total),
      });
      bar.done();
      if (E.isLeft(result)) {
        const error = result.left;
        throw new Rejected({ _tag: 'InvalidInput', field: error.field || 'from', rule: error.message, message: error.message });
      }
      const { imported, migration } = result.right;
      if (ctx.out.json) return ctx.out.data({ dryRun: Boolean(o.dryRun), imported, migration });
      // Counts and every decision with its reason; a large migration lists its decisions with the global --verbose.
      for (const line of migrationText(migration, { dryRun: Boolean(o.dryRun), verbose: Boolean(ctx.options.verbose), imported })) ctx.out.line(line);
    },
  );
