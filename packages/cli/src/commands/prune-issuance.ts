import type { Command } from 'commander';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';

/** `providers prune-issuance`: retention of the issuance log; the changes' own history is never pruned. */
export const registerPruneIssuance = (program: Command, define: Define) =>
  define(
    orgCommand(program, 'prune-issuance', 'remove the issuance records (audit --issued) older than an age; the history of changes is untouched')
      .requiredOption('--older-than <age>', 'whole days (90d) or hours (36h); the org’s newest record always stays'),
    async (ctx, o) => {
      ctx.requireManager('prune-issuance');
      const pruned = await (await ctx.providers()).pruneIssuance(String(o.org), String(o.olderThan));
      if (ctx.out.json) return ctx.out.data(pruned);
      ctx.out.line(`pruned ${pruned.pruned} issuance record(s) of ${pruned.orgId} older than ${pruned.cutoff}; ${pruned.kept} kept`);
    },
  );
