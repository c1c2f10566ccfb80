// Secrets given to the real CLI never appear, in any encoding, in the store's files or in anything the CLI prints.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { workspace, type CliRun } from '../support.js';

/** A random secret of the AWS alphabet, so that no fixed string can make the test pass by luck. */
const awsSecret = () => randomBytes(30).toString('base64').slice(0, 40);
const SECRETS = {
  awsSecretAccessKey: awsSecret(),
  rotatedSecretAccessKey: awsSecret(),
  stripeSecretKey: `sk_live_${randomBytes(24).toString('hex')}`,
  stripeWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
};

/** Every way a value could sit in bytes: plain, base64 at the three alignments, hex, UTF-16. */
const encodings = (secret: string): Buffer[] => {
  const plain = Buffer.from(secret, 'utf8');
  const base64 = [0, 1, 2].map((shift) => {
    // A value inside a longer base64 text is encoded at one of three offsets; drop the edge characters that depend on neighbours.
    const text = Buffer.concat([Buffer.alloc(shift, 0x41), plain]).toString('base64');
    const start = Math.ceil((shift * 4) / 3) + 1;
    return Buffer.from(text.slice(start, text.length - 4), 'latin1');
  });
  const base64url = base64.map((b) => Buffer.from(b.toString('latin1').replace(/\+/g, '-').replace(/\//g, '_'), 'latin1'));
  return [
    plain,
    ...base64,
    ...base64url,
    Buffer.from(plain.toString('hex'), 'latin1'),
    Buffer.from(plain.toString('hex').toUpperCase(), 'latin1'),
    Buffer.from(secret, 'utf16le'),
  ];
};

const leaksIn = (bytes: Buffer): string[] =>
  Object.entries(SECRETS).flatMap(([name, secret]) =>
    encodings(secret).some((needle) => bytes.includes(needle)) ? [name] : [],
  );

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const scan = suite('no secret in the store files or the CLI output');
const ws = workspace({ PROVIDERS_MASTER_KEY: generateMasterKey() });
const outputs: CliRun[] = [];
const run = (args: string[], input?: string) => {
  const r = ws.run(args, input === undefined ? {} : { input });
  outputs.push(r);
  return r;
};
const ok = (args: string[], input?: string) => {
  const r = run(args, input);
  assert.is(r.code, 0, `providers ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r;
};

scan.before(() => {
  ok(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin'], `${SECRETS.awsSecretAccessKey}\n`);
  ok(['add', '--org', 'acme', '--name', 'stripe', '--type', 'stripe', '--secret-field', 'secretKey', '--secret-field', 'webhookSecret'], `${SECRETS.stripeSecretKey}\n${SECRETS.stripeWebhookSecret}\n`);
  ok(['update-credentials', '--org', 'acme', '--provider', 'keys', '--access-key-id', 'AKIAABCDEFGHIJKLMNOQ', '--secret-access-key-stdin'], SECRETS.rotatedSecretAccessKey);
  ok(['link', '--org', 'acme', '--provider', 'stripe', '--app', 'shop', '--service', 'billing']);
  // Rejected commands carrying a secret: their error messages must not repeat it.
  assert.is(run(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--secret-access-key-stdin', '--json'], SECRETS.awsSecretAccessKey).code, 1);
  assert.is(run(['add', '--org', 'acme', '--name', 'bad', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '1', '--secret-access-key-stdin'], SECRETS.awsSecretAccessKey).code, 1);
  assert.is.not(run(['add', '--org', 'acme', '--name', 'short', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--secret-access-key-stdin'], `${SECRETS.stripeSecretKey}`).code, 0);
  assert.is.not(run(['add', '--org', 'acme', '--name', 'Bad Name!', '--type', 'stripe', '--secret-field', 'secretKey', '--json'], SECRETS.stripeSecretKey).code, 0);
});

scan.after(() => ws.cleanup());

scan('the scanner finds a secret written in any of its encodings (so an empty result means something)', () => {
  for (const needle of encodings(SECRETS.stripeSecretKey)) assert.equal(leaksIn(Buffer.concat([Buffer.from('xx'), needle, Buffer.from('yy')])), ['stripeSecretKey']);
  assert.equal(leaksIn(Buffer.from(`{"v":"${Buffer.from(`k=${SECRETS.awsSecretAccessKey};`).toString('base64')}"}`)), ['awsSecretAccessKey']);
});

scan('every byte of every file of the store (events.db, -wal, -shm, anything beside it) is free of the secrets', () => {
  const files = filesUnder(join(ws.dir, '.providers'));
  assert.ok(files.some((f) => f.endsWith('events.db')), `store files: ${files.join(', ')}`);
  for (const file of files) assert.equal(leaksIn(readFileSync(file)), [], `secret found in ${file}`);
});

scan('the store still holds the providers, sealed (the scan looked at real data)', () => {
  const history = ok(['history', '--org', 'acme', '--json']).json<Array<{ type: string; data: { credentials?: { kind: string } } }>>();
  assert.equal(history.map((e) => e.type), ['ProviderAdded', 'ProviderAdded', 'ProviderCredentialsUpdated', 'ProviderLinkedToService']);
  const dbBytes = readFileSync(join(ws.dir, '.providers', 'events.db'));
  assert.ok(dbBytes.includes(Buffer.from('AKIAABCDEFGHIJKLMNOQ')), 'the non-secret access key id is stored in the clear');
});

scan('history, show, list and audit, as JSON and for people, carry no secret', () => {
  for (const args of [
    ['history', '--org', 'acme', '--json'],
    ['history', '--org', 'acme'],
    ['show', '--org', 'acme', '--provider', 'keys', '--json'],
    ['show', '--org', 'acme', '--provider', 'stripe', '--json'],
    ['show', '--org', 'acme', '--provider', 'stripe'],
    ['list', '--org', 'acme', '--json'],
    ['list', '--org', 'acme'],
    ['audit', '--org', 'acme', '--format', 'json'],
    ['audit', '--org', 'acme', '--format', 'csv'],
  ]) {
    const r = ok(args);
    assert.equal(leaksIn(Buffer.from(r.stdout)), [], `secret in the output of ${args.join(' ')}`);
  }
});

scan('no stdout or stderr of any run, accepted or rejected, carries a secret', () => {
  assert.ok(outputs.length >= 15);
  assert.ok(outputs.some((r) => r.stderr.length > 0), 'rejected runs printed errors');
  for (const r of outputs) {
    assert.equal(leaksIn(Buffer.from(r.stderr)), [], `secret in stderr: ${r.stderr.slice(0, 200)}`);
    assert.equal(leaksIn(Buffer.from(r.stdout)), [], 'secret in stdout');
  }
});

scan.run();
