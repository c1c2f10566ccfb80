// `providers` on the PATH (scripts/link-cli.sh, which the install runs) works from any directory,
// and `providers status` says which store a run opens, whether it exists, and with which keys.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/sdk';
import { workspace } from './support.js';

const status = suite('providers status, and providers on the PATH');
const root = fileURLToPath(new URL('../../..', import.meta.url));
workspace(); // builds the bundle the link points at
const scratch = mkdtempSync(join(tmpdir(), 'providers-path-'));
const binDir = join(scratch, 'bin');
const elsewhere = join(scratch, 'project');

interface Status {
  store: string;
  exists: boolean | null;
  headPosition: string;
  actor: { id: string; role: string };
  masterKeys: { currentId: string; ids: string[] } | null;
  version: string;
}

/** `providers …` found on the PATH, run from a directory outside the repository. */
const providers = (args: readonly string[], env: Record<string, string> = {}) => {
  const result = spawnSync('providers', args, { cwd: elsewhere, encoding: 'utf8', env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: scratch, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

status.before(() => {
  const linked = spawnSync('bash', [join(root, 'scripts/link-cli.sh'), binDir], { encoding: 'utf8' });
  assert.is(linked.status, 0, linked.stderr);
  spawnSync('mkdir', ['-p', elsewhere]);
});
status.after(() => rmSync(scratch, { recursive: true, force: true }));

status('from another directory, status names the store there, not created yet, and no master key', () => {
  const run = providers(['status', '--json'], { PROVIDERS_ACTOR: 'alice' });
  assert.is(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout) as Status;
  assert.is(answer.store, `sqlite:${join(elsewhere, '.providers/events.db')}`);
  assert.equal([answer.exists, answer.headPosition, answer.masterKeys, answer.actor], [false, '0', null, { id: 'alice', role: 'admin' }]);
  const text = providers(['status']).stdout;
  assert.match(text, /store: +sqlite:.*project\/\.providers\/events\.db \(not created yet/);
});

status('after a write the store exists and status says how far its log goes, and which master keys are set', () => {
  // With its own external id, the role is the store's only event (the org's id is not recorded beside it).
  assert.is(providers(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy', '--external-id', 'acme-own-external-id']).code, 0);
  const key = generateMasterKey();
  const answer = JSON.parse(providers(['status', '--json'], { PROVIDERS_MASTER_KEY: key }).stdout) as Status;
  assert.equal([answer.exists, answer.headPosition], [true, '1']);
  assert.is(answer.masterKeys?.ids.length, 1);
  assert.not.match(JSON.stringify(answer), key.split(':').pop()!, 'status printed the master key');
});

status.run();
