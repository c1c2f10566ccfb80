// Reads open the store read-only: a store this user may not write (another user's, or a read-only
// file in a read-only directory) can be listed, resolved and audited; a store that is not there
// reads as empty and is not created; a write still fails, naming the file.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const readOnly = suite('a store this user may not write');
const ws = workspace();
const root = process.getuid?.() === 0;
// As root, the other user must be able to reach the repository's CLI (a checkout under a private
// directory is not): where it cannot, the tests that need another user are skipped, saying why.
const otherUserRunsTheCli =
  !root || spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.R_OK)', ws.bin], { uid: 65534, gid: 65534 }).status === 0;
if (!otherUserRunsTheCli) console.log(`skipped: uid 65534 cannot read ${ws.bin}, so the reads of another user's store cannot run here`);
const asOtherUser = otherUserRunsTheCli ? readOnly : readOnly.skip;

/** The CLI as a user who may read the store but not write it: `nobody` when the tests run as root, else this user after chmod. */
const asReader = (args: readonly string[]) => {
  const result = spawnSync(process.execPath, [ws.bin, ...args], {
    cwd: ws.dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', PROVIDERS_ACTOR: 'reader' },
    ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

readOnly.before(() => {
  for (const args of [
    ['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy'],
    ['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'api'],
  ])
    assert.is(ws.run(args).code, 0);
  // Readable by all, writable by none but its owner (and by nobody at all when the tests are not root).
  chmodSync(ws.dir, 0o755);
  chmodSync(join(ws.dir, '.providers'), root ? 0o755 : 0o555);
  if (!root) chmodSync(join(ws.dir, '.providers/events.db'), 0o444);
});

readOnly.after(() => {
  chmodSync(join(ws.dir, '.providers'), 0o755);
  ws.cleanup();
});

asOtherUser('list, show, resolve, history and audit answer', () => {
  const reads = [
    ['list', '--org', 'acme'],
    ['show', '--org', 'acme', '--provider', 'dev'],
    ['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod'],
    ['history', '--org', 'acme'],
    ['audit', '--org', 'acme'],
  ];
  for (const args of reads) {
    const run = asReader(args);
    assert.is(run.code, 0, `providers ${args.join(' ')} → ${run.code}: ${run.stderr}`);
    assert.match(run.stdout, /dev|ProviderAdded/, args[0]);
  }
});

asOtherUser('a write is refused naming the file, and nothing is changed', () => {
  const run = asReader(['add', '--org', 'acme', '--name', 'other', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/other']);
  assert.is(run.code, 3);
  assert.match(run.stderr, /events\.db cannot be written/);
  assert.is(JSON.parse(asReader(['history', '--org', 'acme', '--json']).stdout).length, 2);
});

readOnly('a store that is not there reads as empty, says so, and is not created', () => {
  const missing = join(ws.dir, 'elsewhere/events.db');
  const run = ws.run(['list', '--org', 'acme', '--store', `sqlite:${missing}`]);
  assert.is(run.code, 0);
  assert.match(run.stderr, /has no history in the store sqlite:.*elsewhere\/events\.db/);
  assert.not.ok(existsSync(missing), 'a read created the store');
});

readOnly.run();
