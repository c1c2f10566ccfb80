// A reader that goes away early (`providers history | head -1`) ends the CLI quietly.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const pipe = suite('output into a closed pipe');
const ws = workspace();
pipe.after(() => ws.cleanup());

/** Runs the CLI, reads its first chunk of stdout, then closes the pipe like `head -1` does. */
const readFirstChunkThenClose = (args: readonly string[]): Promise<{ code: number | null; signal: string | null; stderr: string; first: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [ws.bin, ...args], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', HOME: ws.dir, PROVIDERS_ACTOR: 'alice' } });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', (chunk) => {
      first = String(chunk);
      child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
  });

pipe.before(() => {
  // Far more history than a pipe buffers (64 KiB), so the CLI is still writing when the reader leaves.
  const services = Array.from({ length: 800 }, (_, i) => ({ name: `service${i}`, instances: [{ stage: 'dev', region: 'us-east-1' }] }));
  const legacy = {
    org: 'acme',
    deploymentProfiles: [{ id: 'p-dev', name: 'dev', awsAccessRoleArn: 'arn:aws:iam::111111111111:role/deploy' }],
    apps: [{ name: 'app1', stages: { default: 'p-dev' }, services }],
  };
  writeFileSync(join(ws.dir, 'legacy.json'), JSON.stringify(legacy));
  const migrated = ws.run(['migrate', '--org', 'acme', '--from', 'legacy.json']);
  assert.is(migrated.code, 0, migrated.stderr);
});

for (const args of [['history', '--org', 'acme'], ['history', '--org', 'acme', '--json'], ['audit', '--org', 'acme', '--format', 'csv']])
  pipe(`${args.join(' ')} | head -1 ends quietly`, async () => {
    const run = await readFirstChunkThenClose(args);
    assert.ok(run.first.length > 0, 'printed nothing');
    assert.is(run.stderr, '');
    assert.is(run.signal, null);
    assert.is(run.code, 0);
  });

pipe.run();
