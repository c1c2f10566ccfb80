// A secret too long to accept is refused by field name on every input path, and not one
// byte of it reaches any stream — whatever its size, up to a megabyte.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { workspace, type CliRun } from '../support.js';

const SIZES = [4_097, 16_385, 50_000, 1_048_576];
/** Random text of the AWS secret alphabet, so no fixed string can make the test pass by luck. */
const secretOf = (size: number) => randomBytes(size).toString('base64').slice(0, size);

/** Any 24-character run of the secret, plain, base64 or hex, is a leak. */
const leaked = (run: CliRun, secret: string): boolean => {
  const output = run.stdout + run.stderr;
  const plain = Buffer.from(secret, 'utf8');
  const probes = [secret.slice(1000, 1024), plain.toString('base64').slice(1000, 1024), plain.toString('hex').slice(1000, 1024)];
  return probes.some((probe) => output.includes(probe));
};

const oversized = suite('an oversized secret is refused and never printed');
const ws = workspace();
oversized.after(() => ws.cleanup());

for (const withMasterKey of [false, true]) {
  const env: Record<string, string> = withMasterKey ? { PROVIDERS_MASTER_KEY: generateMasterKey() } : {};
  const keyArgs = ['add', '--org', 'long', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012'];
  for (const size of withMasterKey ? [16_385, 1_048_576] : SIZES) {
    const label = `${size} characters${withMasterKey ? ', with a master key' : ''}`;
    oversized(`a secret field from stdin, ${label}`, () => {
      const secret = secretOf(size);
      const run = ws.run(['add', '--org', 'long', '--name', 'big', '--type', 'stripe', '--secret-field', 'apiKey'], { input: secret, env });
      assert.is(run.code, 1, run.stderr.slice(0, 300));
      assert.match(run.stderr, 'credentials.fields.apiKey: a secret value is 1–4096 characters');
      assert.not.ok(leaked(run, secret), 'the secret reached an output stream');
      assert.ok(run.stderr.length < 1_000, `stderr holds ${run.stderr.length} characters`);
    });
    for (const source of ['stdin', 'env', 'file'] as const) {
      // Linux refuses one environment string over 128 KiB (MAX_ARG_STRLEN): no process can be given a larger one.
      if (source === 'env' && size > 131_000) continue;
      oversized(`a secret access key from ${source}, ${label}`, () => {
        const secret = secretOf(size);
        const file = join(ws.dir, 'secret.txt');
        if (source === 'file') writeFileSync(file, secret);
        const from = { stdin: ['--secret-access-key-stdin'], env: ['--secret-access-key-env', 'BIG_SECRET'], file: ['--secret-access-key-file', file] }[source];
        const run = ws.run([...keyArgs, '--name', `keys-${source}`, ...from, '--json'], {
          input: source === 'stdin' ? secret : '',
          env: { ...env, ...(source === 'env' ? { BIG_SECRET: secret } : {}) },
        });
        assert.is(run.code, 1, run.stderr.slice(0, 300));
        assert.is((JSON.parse(run.stderr) as { error: { field: string } }).error.field, 'credentials.secretAccessKey');
        assert.not.ok(leaked(run, secret), 'the secret reached an output stream');
        assert.ok(run.stderr.length < 1_000, `stderr holds ${run.stderr.length} characters`);
      });
    }
  }
}

oversized('nothing was appended', () => {
  const run = ws.run(['history', '--org', 'long', '--json']);
  assert.is(run.code, 0, run.stderr);
  assert.equal(run.json(), []);
});

oversized.run();
