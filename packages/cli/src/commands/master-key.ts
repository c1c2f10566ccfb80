import type { Command } from 'commander';
import { generateMasterKey, RotationIncomplete } from '@providers/sdk';
import type { Define } from '../program.js';
import { subcommand } from './subcommand.js';

/** `providers master-key generate|rotate`: the key that wraps every provider's data key. */
export const registerMasterKey = (program: Command, define: Define) => {
  const group = subcommand(program, 'master-key', 'create or rotate the master key that wraps data keys (kept outside the store)');
  define(subcommand(group, 'generate', 'print a new master key line (id:base64) for PROVIDERS_MASTER_KEY or a key file (chmod 600)'), async (ctx) => {
    const line = generateMasterKey();
    // The point of this command is to print the key: straight to stdout, nowhere else.
    ctx.environment.stdout.write(ctx.out.json ? `${JSON.stringify({ masterKey: line })}\n` : `${line}\n`);
  });
  define(
    subcommand(group, 'rotate', 're-wrap every data key with the first (current) master key of PROVIDERS_MASTER_KEY; events are untouched'),
    async (ctx) => {
      ctx.requireManager('master-key rotate');
      const { rewrapped, unopened } = await (await ctx.providers()).rotateMasterKey();
      if (ctx.out.json) ctx.out.data({ rewrapped, unopened });
      ctx.out.line(`re-wrapped ${rewrapped} data key(s) with the current master key`);
      // The rest is re-wrapped; what could not be opened is named, and the exit code says rotation is not done.
      if (unopened.length > 0) throw new RotationIncomplete(unopened);
    },
  );
};
