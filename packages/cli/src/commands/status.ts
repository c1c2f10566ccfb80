import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { MasterKeyring, parseStoreUrl } from '@providers/sdk';
import type { Define } from '../program.js';
import { subcommand } from './subcommand.js';
import { VERSION } from '../version.js';

/** `providers status`: which store this run opens, how far its log goes, who acts, which master keys are set. */
export const registerStatus = (program: Command, define: Define) =>
  define(subcommand(program, 'status', 'which store is opened (and whether it exists), its last position, the actor and the master keys'), async (ctx) => {
    const location = parseStoreUrl(ctx.storeUrl);
    const exists = location.kind === 'sqlite' ? existsSync(location.path) : null;
    const headPosition = await (await ctx.reader()).headPosition();
    const keys = MasterKeyring.fromEnvironment(ctx.environment.env);
    const actor = ctx.actor();
    const status = { store: ctx.storeText, exists, headPosition: String(headPosition), actor, masterKeys: keys ? keys.toJSON() : null, version: VERSION };
    if (ctx.out.json) return ctx.out.data(status);
    const rows: [string, string][] = [
      ['store', `${status.store}${exists === false ? ' (not created yet: the first write creates it)' : ''}`],
      ['last position', status.headPosition],
      ['actor', `${actor.id} (${actor.role})`],
      ['master keys', keys ? `${keys.ids.length} (current: ${keys.currentId})` : 'none configured (PROVIDERS_MASTER_KEY or PROVIDERS_MASTER_KEY_FILE)'],
      ['version', VERSION],
    ];
    for (const [label, value] of rows) ctx.out.line(`${`${label}:`.padEnd(15)}${value}`);
  });
