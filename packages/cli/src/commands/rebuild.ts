import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { FileCheckpointStore, rebuildReadModels } from '@providers/projections';
import { parseStoreUrl } from '@providers/sdk';
import type { Define } from '../program.js';
import { progressBar } from '../progress.js';

/** Where the read models' snapshot and checkpoint live: beside an SQLite file, else under ./.providers/. */
export const projectionsDir = (storeUrl: string): string => {
  const location = parseStoreUrl(storeUrl);
  return location.kind === 'sqlite' ? join(dirname(resolve(location.path)), 'projections') : resolve('.providers', 'projections');
};

/** `providers rebuild`: replays every projection from the start and saves their snapshot and checkpoint. */
export const registerRebuild = (program: Command, define: Define) =>
  define(
    program
      .command('rebuild')
      .description('replay the whole log into every read model (resolution index, catalog, audit trail) and save them')
      .option('--skip-invalid', 'skip unreadable events (each is reported) instead of stopping at the first'),
    async (ctx, o) => {
      const providers = await ctx.providers();
      const total = Number(await providers.stores.events.headPosition());
      const bar = progressBar(ctx.environment.stderr, 'rebuilding');
      const result = await rebuildReadModels(providers.stores.events, {
        checkpoints: new FileCheckpointStore(projectionsDir(ctx.storeUrl)),
        ...(o.skipInvalid ? { skipInvalid: true } : {}),
        onProgress: (_folded, position) => bar.update(Number(position), total),
      });
      bar.done();
      for (const skipped of result.skipped) ctx.out.note(`skipped: ${skipped.message}`);
      const summary = { folded: result.folded, position: result.position, skipped: result.skipped.map((s) => ({ position: s.position, message: s.message })) };
      if (ctx.out.json) return ctx.out.data(summary);
      ctx.out.line(`rebuilt the read models: ${result.folded} events folded up to position ${result.position}${result.skipped.length ? `, ${result.skipped.length} unreadable event(s) skipped` : ''}`);
    },
  );
