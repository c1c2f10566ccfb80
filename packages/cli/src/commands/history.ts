import type { Command } from 'commander';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';

/** `providers history`: the org's events as stored (secrets stay sealed). */
export const registerHistory = (program: Command, define: Define) =>
  define(
    orgCommand(program, 'history', 'the events of an organization, oldest first'),
    async (ctx, o) => {
      const events = await (await ctx.reader()).history(String(o.org));
      const rows = events.map((e) => ({ position: e.position, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata }));
      if (ctx.out.json) return ctx.out.data(rows);
      ctx.out.table(
        ['position', 'revision', 'type', 'actor', 'at'],
        events.map((e) => {
          const m = e.metadata as { actor?: { id?: string; role?: string }; occurredAt?: string };
          return [String(e.position), String(e.revision), e.type, `${m.actor?.id ?? '?'} (${m.actor?.role ?? '?'})`, m.occurredAt ?? '?'];
        }),
      );
    },
  );
