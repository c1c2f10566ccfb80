// A writer killed with SIGKILL at random points never leaves a broken SQLite store: every event decodes,
// revisions are dense, each command's events are all there or none, and every sealed secret still opens.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SealedSecret } from '@providers/domain';
import { readEvent } from '@providers/stored-events';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import type { RecordedEvent } from '@providers/store';
import { openSqliteStores } from '@providers/store-sqlite';

const RUNS = Number(process.env.CRASH_RUNS ?? 50);
/** How many events each kind of command in the writer appends (remove --force: two unlinks, the default cleared, the removal). */
const EVENTS_PER_COMMAND: Record<string, number> = { add: 1, link: 1, linki: 1, default: 1, remove: 4 };

const cliDir = fileURLToPath(new URL('../..', import.meta.url));
const masterKey = generateMasterKey();
const work = mkdtempSync(join(tmpdir(), 'providers-crash-'));
const storePath = join(work, 'events.db');
// The bundle sits under the CLI's node_modules so that its third-party imports (better-sqlite3, …) resolve.
mkdirSync(join(cliDir, 'node_modules'), { recursive: true });
const bundleDir = mkdtempSync(join(cliDir, 'node_modules', '.crash-writer-'));
const writer = join(bundleDir, 'crash-writer.mjs');

const crash = suite('SIGKILL of a writing process');

crash.before(async () => {
  // Bundled once: a node process starting from a bundle is ready in a fraction of tsx's start-up time.
  await build({
    entryPoints: [join(cliDir, 'test/security/fixtures/crash-writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-third-party',
        setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@providers/') ? undefined : { path: args.path, external: true })),
      },
    ],
  });
});
crash.after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Starts a writer on its own org, kills it 20–200 ms after it is ready, and says how it ended. */
const writeUntilKilled = (orgId: string) =>
  new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [writer, storePath, orgId], {
      env: { PATH: process.env.PATH ?? '', PROVIDERS_MASTER_KEY: masterKey, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 181)));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });

/**
 * Replays the store from `after` (each run writes a new org, so a run's events all follow the previous check)
 * and checks it; returns the last position and how many commands were read.
 */
const checkStore = async (after = 0n): Promise<{ position: bigint; commands: number }> => {
  const stores = openSqliteStores(storePath);
  try {
    const sealer = new SecretSealer({ keys: stores.keys, masterKeys: MasterKeyring.parse(masterKey) });
    const events: RecordedEvent[] = [];
    for await (const page of stores.events.readAll({ after })) events.push(...page);
    const revisions = new Map<string, bigint>();
    const perCommand = new Map<string, number>();
    let position = after;
    for (const event of events) {
      assert.ok(event.position > position, `positions increase (${event.position} after ${position})`);
      position = event.position;
      const expected = (revisions.get(event.stream) ?? 0n) + 1n;
      assert.is(event.revision, expected, `revisions of ${event.stream} are dense`);
      revisions.set(event.stream, expected);
      const read = readEvent(event.type, event.data, event.metadata);
      assert.ok(E.isRight(read), `event ${event.position} (${event.type}) decodes: ${E.isLeft(read) ? read.left.message : ''}`);
      const commandId = read.right.metadata.commandId;
      perCommand.set(commandId, (perCommand.get(commandId) ?? 0) + 1);
      if (read.right.event.type === 'ProviderAdded' && read.right.event.data.credentials.kind === 'aws-keys') {
        // The data key is stored before the event: an event on disk always has a key that opens it.
        const sealed: SealedSecret = read.right.event.data.credentials.secretAccessKey;
        assert.match(await sealer.unseal(sealed, 'secretAccessKey'), /^\d{8}abcdefghijklmnopqrstuvwxyz012345$/);
      }
    }
    for (const [commandId, count] of perCommand) {
      const kind = commandId.split('.')[0]!;
      assert.is(count, EVENTS_PER_COMMAND[kind], `command ${commandId} has ${count} of its ${EVENTS_PER_COMMAND[kind]} events`);
    }
    return { position, commands: perCommand.size };
  } finally {
    await stores.close();
  }
};

crash(`${RUNS} writers killed at random points each leave a store that replays with only whole commands`, async () => {
  let checked = 0n;
  let commands = 0;
  for (let run = 0; run < RUNS; run++) {
    const { signal, stderr } = await writeUntilKilled(`org-${run}`);
    assert.is(signal, 'SIGKILL', `the writer was still writing when killed, not stopped early: ${stderr.slice(0, 500)}`);
    const since = await checkStore(checked);
    checked = since.position;
    commands += since.commands;
  }
  assert.ok(commands >= RUNS, `the writers got work done (${commands} commands in all)`);
  // Once more from the start: the whole file, written and torn by every run, replays.
  assert.is((await checkStore()).commands, commands, 'no command disappeared');
});

crash.run();
