import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { Rejected, UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';
import { progressBar } from '../progress.js';

/** `providers migrate`: deployment profiles → providers, as a replay of the legacy events. */
export const registerMigrate = (program: Command, define: Define) =>
  define(
    program
      .command('migrate')
      .description('import a legacy export (deployment profiles) and migrate it to providers; idempotent')
      .requiredOption('--org <org>', 'organization id (must match the export’s "org")')
      .requiredOption('--from <file>', 'the legacy export JSON (format: packages/migration/README.md)')
      .option('--dry-run', 'print the plan, append nothing'),
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
      ctx.out.line(o.dryRun ? 'plan (dry run: nothing appended)' : 'migrated');
      ctx.out.line(`  providers to create: ${migration.providersCreated.map((p) => `${p.name} (${p.accountId})`).join(', ') || 'none'}`);
      ctx.out.line(`  providers reused:    ${migration.providersReused.map((p) => p.name).join(', ') || 'none'}`);
      for (const r of migration.renamed) ctx.out.line(`  renamed: profile "${r.profile}" → provider "${r.name}" (${r.reason})`);
      ctx.out.line(`  links:               ${migration.links.length}`);
      for (const l of migration.links) ctx.out.line(`    - ${l.scope} ${[l.app, l.service, l.stage].filter(Boolean).join('/')} ← profile ${l.profileId}`);
      for (const l of migration.linksKept) ctx.out.line(`  kept existing link ${[l.app, l.service, l.stage].filter(Boolean).join('/')}: ${l.reason}`);
      for (const s of migration.skipped) ctx.out.line(`  skipped profile ${s.profileId}: ${s.reason}`);
      ctx.out.line(`  events appended:     ${imported.eventsAppended + migration.eventsAppended}`);
    },
  );
