// Secrets of any length from 1 character to 1 MB, on every input path (stdin, an environment variable, a file) of
// `add` and `update-credentials`, run in-process: accepted or refused, no byte of a secret reaches stdout or stderr.
// A refused run prints the same bytes whatever the secret, which shows that none of it is in there, even for a
// secret of one character. SECRET_LENGTH_RUNS raises the number of random lengths per path.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { runInProcess, type InProcessRun } from './in-process.js';

const MB = 1_048_576;
const RUNS = Number(process.env.SECRET_LENGTH_RUNS ?? 12);
const BOUNDARIES = [1, 2, 3, 39, 40, 41, 4095, 4096, 4097, 65_535, 65_536, 131_073, MB - 1, MB];

const work = mkdtempSync(join(tmpdir(), 'providers-secret-lengths-'));
const store = `sqlite:${join(work, 'events.db')}`;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const env = { PROVIDERS_MASTER_KEY: generateMasterKey(), PROVIDERS_ACTOR: 'alice', AWS_EC2_METADATA_DISABLED: 'true' };

// Letters no output of the CLI uses, so that even one of them in an output is a leak; and the AWS alphabet,
// which the secret-access-key rule needs (40 of them are accepted).
const MARKERS = 'жзийклмнпрстфхцчшщыэюя';
const AWS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const secretOf = (length: number, alphabet: string): string => {
  const bytes = randomBytes(length);
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[bytes[i]! % alphabet.length];
  return text;
};

/** Windows of the secret at its start, middle and end, as they would show plain, in JSON, base64 (any alignment) or hex. */
const probesOf = (secret: string): string[] => {
  const width = Math.min(secret.length, 24);
  const windows = [0, Math.floor((secret.length - width) / 2), secret.length - width].map((at) => secret.slice(at, at + width));
  return windows.flatMap((window) => {
    const bytes = Buffer.from(window, 'utf8');
    const base64 = [0, 1, 2].map((shift) => {
      const text = Buffer.concat([Buffer.alloc(shift, 0x41), bytes]).toString('base64');
      return text.slice(Math.ceil((shift * 4) / 3) + 1, text.length - 4);
    });
    return [window, JSON.stringify(window).slice(1, -1), bytes.toString('hex'), ...base64.filter((b) => b.length >= 8)];
  });
};

const leaks = (run: InProcessRun, secret: string, alphabet: string): string[] => {
  const output = run.stdout + run.stderr;
  const found = secret.length >= 12 ? probesOf(secret).filter((probe) => output.includes(probe)) : [];
  if (alphabet === MARKERS) found.push(...[...MARKERS].filter((letter) => output.includes(letter)));
  return found;
};

interface Path {
  readonly name: string;
  readonly alphabet: string;
  readonly accepts: (length: number) => boolean;
  readonly argv: (n: number, file: string) => string[];
  readonly input: 'stdin' | 'env' | 'file';
}
const keyArgs = ['--access-key-id', 'AKIAABCDEFGHIJKLMNOP'];
const fromPath = { stdin: ['--secret-access-key-stdin'], env: ['--secret-access-key-env', 'THE_SECRET'], file: ['--secret-access-key-file'] };
const awsKeyPaths = (['stdin', 'env', 'file'] as const).flatMap((input): Path[] => {
  const from = (file: string) => (input === 'file' ? [...fromPath.file, file] : fromPath[input]);
  return [
    { name: `add --secret-access-key-${input}`, alphabet: AWS, input, accepts: (l) => l === 40, argv: (n, file) => ['add', '--org', 'acme', '--name', `keys-${n}`, '--type', 'aws', ...keyArgs, '--account-id', '123456789012', ...from(file)] },
    { name: `update-credentials --secret-access-key-${input}`, alphabet: AWS, input, accepts: (l) => l === 40, argv: (_n, file) => ['update-credentials', '--org', 'acme', '--provider', 'keys', ...keyArgs, ...from(file)] },
  ];
});
const fieldPaths: Path[] = [
  { name: 'add --secret-field (stdin)', alphabet: MARKERS, input: 'stdin', accepts: (l) => l <= 4096, argv: (n) => ['add', '--org', 'acme', '--name', `stripe-${n}`, '--type', 'stripe', '--secret-field', 'apiKey'] },
  { name: 'update-credentials --secret-field (stdin)', alphabet: MARKERS, input: 'stdin', accepts: (l) => l <= 4096, argv: () => ['update-credentials', '--org', 'acme', '--provider', 'stripe', '--secret-field', 'apiKey'] },
];

const attempt = async (path: Path, secret: string, n: number): Promise<InProcessRun> => {
  const file = join(work, `secret-${n}.txt`);
  if (path.input === 'file') writeFileSync(file, secret, { mode: 0o600 });
  const run = await runInProcess(['--store', store, ...path.argv(n, file), '--json'], { ...env, ...(path.input === 'env' ? { THE_SECRET: secret } : {}) }, path.input === 'stdin' ? secret : '');
  if (path.input === 'file') rmSync(file);
  return run;
};

const lengths = suite('secrets of every length on every input path never reach an output stream');

lengths.before(async () => {
  const seeded = await runInProcess(['--store', store, 'add', '--org', 'acme', '--name', 'keys', '--type', 'aws', ...keyArgs, '--account-id', '123456789012', '--secret-access-key-stdin'], env, secretOf(40, AWS));
  assert.is(seeded.code, 0, seeded.stderr);
  const stripe = await runInProcess(['--store', store, 'add', '--org', 'acme', '--name', 'stripe', '--type', 'stripe', '--secret-field', 'apiKey'], env, 'sk_seed');
  assert.is(stripe.code, 0, stripe.stderr);
});
lengths.after(() => rmSync(work, { recursive: true, force: true }));

lengths('the probes find a secret in any of its forms (so finding none means something)', () => {
  const fake = (text: string): InProcessRun => ({ code: 1, stdout: '', stderr: `error: ${text}`, escaped: undefined, json: <T>() => JSON.parse('null') as T });
  const long = secretOf(5000, AWS);
  for (const form of [long, JSON.stringify(`x${long}`), Buffer.from(`ab${long}`).toString('base64'), Buffer.from(long).toString('hex')]) assert.ok(leaks(fake(form), long, AWS).length > 0);
  assert.equal(leaks(fake('ж'), 'ж', MARKERS), ['ж']);
  assert.equal(leaks(fake(long.slice(0, 4000)), long, AWS).length > 0, true);
});

let runs = 0;
for (const path of [...awsKeyPaths, ...fieldPaths]) {
  const check = async (length: number) => {
    const secret = secretOf(length, path.alphabet);
    const n = ++runs;
    const run = await attempt(path, secret, n);
    assert.is(run.escaped, undefined, `${path.name}, ${length} characters: runCli threw`);
    assert.equal(leaks(run, secret, path.alphabet), [], `${path.name}, ${length} characters: the secret reached an output`);
    if (path.accepts(length)) return assert.is(run.code, 0, `${path.name}, ${length} characters: ${run.stderr.slice(0, 200)}`);
    assert.is(run.code, 1, `${path.name}, ${length} characters: ${run.stderr.slice(0, 200)}`);
    assert.ok(run.stderr.length < 1_000, `${path.name}, ${length} characters: stderr holds ${run.stderr.length} characters`);
    // Another secret of the same length, refused the same way, in exactly the same bytes: nothing of either is in them.
    const other = await attempt(path, secretOf(length, path.alphabet), n);
    assert.equal([other.code, other.stdout, other.stderr], [run.code, run.stdout, run.stderr], `${path.name}, ${length} characters: the output depends on the secret`);
  };
  lengths(`${path.name}: the boundaries, 1 character to 1 MB`, async () => {
    for (const length of BOUNDARIES) await check(length);
  });
  lengths(`${path.name}: ${RUNS} random lengths up to 1 MB`, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 8192 }), fc.integer({ min: 1, max: MB })), check), {
      numRuns: RUNS,
      seed: randomInt(2 ** 31),
    });
  });
}

lengths('the runs reached the rules: accepted secrets were stored, refused ones appended nothing', async () => {
  const history = await runInProcess(['--store', store, 'history', '--org', 'acme', '--json'], env);
  const types = history.json<{ type: string }[]>().map((e) => e.type);
  assert.ok(types.filter((t) => t === 'ProviderAdded').length > 2, types.join(' '));
  assert.ok(types.includes('ProviderCredentialsUpdated'), types.join(' '));
});

lengths.run();
