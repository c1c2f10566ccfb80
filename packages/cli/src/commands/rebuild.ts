import type { Command } from 'commander';
import type { Define } from '../program.js';
import { subcommand } from './subcommand.js';
import { progressBar } from '../progress.js';

/**
 * `providers rebuild`: replays every projection and every org's state from the
 * start and saves their snapshots and checkpoint in the store itself (so they
 * belong to that store alone).
 */
export const registerRebuild = (program: Command, define: Define) =>
  define(
    subcommand(program, 'rebuild', 'replay the whole log into every read model (resolution index, catalog, audit trail) and save them')
      .option('--skip-invalid', 'skip unreadable events (each is reported) instead of stopping at the first'),
    async (ctx, o) => {
      const bar = progressBar(ctx.environment.stderr, 'rebuilding');
      const result = await (await ctx.providers()).rebuild({
        ...(o.skipInvalid ? { skipInvalid: true } : {}),
        onProgress: (position, head) => bar.update(Number(position), Number(head)),
      });
      bar.done();
      const { orgs } = result;
      for (const skipped of result.skipped) ctx.out.note(`skipped: ${skipped.message}`);
      const summary = { folded: result.folded, position: result.position, orgs, skipped: result.skipped.map((s) => ({ position: s.position, message: s.message })) };
      if (ctx.out.json) return ctx.out.data(summary);
      ctx.out.line(`rebuilt the read models and ${orgs} org state(s): ${result.folded} events folded up to position ${result.position}${result.skipped.length ? `, ${result.skipped.length} unreadable event(s) skipped` : ''}`);
    },
  );
