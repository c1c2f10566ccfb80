// A legacy export → dry run → migration → resolution before and after.
//   node --import tsx examples/migration-replay/src/main.ts [--from FILE] [--store memory:|sqlite:PATH]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Providers } from '@providers/sdk';
import { describeReplay, replayMigration } from './migration-replay.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, store: { type: 'string', default: 'memory:' } } });
const file = values.from ?? fileURLToPath(new URL('../legacy-export.json', import.meta.url));

const providers = await Providers.open({ store: values.store });
try {
  const replay = await replayMigration(providers, readFileSync(file, 'utf8'));
  if (replay._tag === 'Left') {
    console.error(`${file}: ${replay.left.message}`);
    process.exitCode = 1;
  } else {
    for (const line of describeReplay(replay.right)) console.log(line);
    // Every instance must deploy where it did: anything else is a failed migration.
    if (replay.right.instances.some((i) => !i.same)) process.exitCode = 1;
  }
} finally {
  await providers.close();
}
