import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryKeyStore } from '@providers/store';
import { looksSecretKey, REDACTED, Redactor, SecretSealer } from '../src/index.js';
import { keyringOf, newMasterKey } from './fixtures.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

const redactorOf = (...values: string[]): Redactor => {
  const redactor = new Redactor();
  for (const value of values) redactor.add(value);
  return redactor;
};

test('a known value is redacted in plain, base64, base64url, hex, JSON-escaped and URL-encoded form', () => {
  const redactor = redactorOf(SECRET, 'quote"and\\slash');
  const bytes = Buffer.from(SECRET, 'utf8');
  const forms = [
    SECRET,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(SECRET),
    JSON.stringify({ v: 'quote"and\\slash' }).slice(6, -2),
  ];
  for (const form of forms) assert.is(redactor.redact(`before ${form} after`), `before ${REDACTED} after`, form);
});

test('every occurrence is redacted, the rest of the text is kept', () => {
  const redactor = redactorOf('s3cr3t-value', 'other-secret');
  assert.is(
    redactor.redact('a s3cr3t-value b other-secret c s3cr3t-value'),
    `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
  );
  assert.is(redactor.redact('nothing to hide'), 'nothing to hide');
});

test('a secret containing another one is redacted whole', () => {
  const redactor = redactorOf('abcd', 'xxabcdxx');
  assert.is(redactor.redact('[xxabcdxx]'), `[${REDACTED}]`);
});

test('the empty string is ignored, and a fresh redactor changes nothing', () => {
  assert.is(redactorOf('').redact('text'), 'text');
  assert.is(new Redactor().redact('text'), 'text');
});

test('redactObject replaces values under secret-looking keys and known values anywhere, without mutating', () => {
  const redactor = redactorOf(SECRET);
  const input = {
    providerId: 'prov-1',
    credentials: {
      kind: 'aws-keys',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      SecretAccessKey: 'unknown-to-the-redactor',
      sessionToken: 'tok',
      nested: [{ PASSWORD: 'p', api_key: 'k', apiKey: 'k2', token: 't', secret: { deep: 1 }, note: `see ${SECRET}` }],
    },
    unset: { token: null },
    count: 3,
    enabled: true,
  };
  const copy = structuredClone(input);
  assert.equal(redactor.redactObject(input), {
    providerId: 'prov-1',
    credentials: {
      kind: 'aws-keys',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      SecretAccessKey: REDACTED,
      sessionToken: REDACTED,
      nested: [{ PASSWORD: REDACTED, api_key: REDACTED, apiKey: REDACTED, token: REDACTED, secret: REDACTED, note: `see ${REDACTED}` }],
    },
    unset: { token: null },
    count: 3,
    enabled: true,
  });
  assert.equal(input, copy);
});

test('redactObject turns an error into its name and redacted message, and survives cycles', () => {
  const redactor = redactorOf(SECRET);
  const error = Object.assign(new Error(`failed with ${SECRET}`), { _tag: 'Boom', password: 'p' });
  assert.equal(redactor.redactObject({ error }), {
    error: { name: 'Error', message: `failed with ${REDACTED}`, _tag: 'Boom', password: REDACTED },
  });
  const cyclic: Record<string, unknown> = { name: SECRET };
  cyclic.self = cyclic;
  assert.equal(redactor.redactObject(cyclic), { name: REDACTED, self: '[Circular]' });
});

test('looksSecretKey recognises the usual names, case-insensitive, and leaves ordinary ones', () => {
  for (const key of ['secretAccessKey', 'sessionToken', 'password', 'apiKey', 'API_KEY', 'token', 'SECRET', 'clientSecret', 'privateKey']) {
    assert.ok(looksSecretKey(key), key);
  }
  for (const key of ['accessKeyId', 'roleArn', 'externalId', 'name', 'kind']) assert.not.ok(looksSecretKey(key), key);
});

test('the sealer teaches its redactor every value it seals or opens', async () => {
  const keys = new MemoryKeyStore();
  const masterKeys = keyringOf(newMasterKey());
  const sealing = new Redactor();
  const sealed = await new SecretSealer({ keys, masterKeys, redactor: sealing }).seal('o/p', 'f', SECRET);
  assert.is(sealing.redact(`key=${SECRET}`), `key=${REDACTED}`);
  const opening = new Redactor();
  await new SecretSealer({ keys, masterKeys, redactor: opening }).unseal(sealed, 'f');
  assert.is(opening.redact(`key=${SECRET}`), `key=${REDACTED}`);
});

test('a secret of any size is redacted in every form, up to a megabyte', () => {
  for (const size of [4_096, 16_385, 50_000, 1_048_576]) {
    const secret = randomBytes(Math.ceil(size / 2)).toString('hex').slice(0, size);
    const redactor = redactorOf(secret);
    const bytes = Buffer.from(secret, 'utf8');
    for (const form of [secret, bytes.toString('base64'), bytes.toString('hex'), encodeURIComponent(secret)])
      assert.is(redactor.redact(`<${form}>`), `<${REDACTED}>`, `size ${size}`);
  }
});

test('many registered secrets are each redacted, and the first one still is after more arrive', () => {
  const secrets = Array.from({ length: 5_000 }, (_, i) => `secret-${i}-${randomBytes(8).toString('hex')}`);
  const redactor = redactorOf(...secrets);
  const text = secrets.map((s) => `[${s}]`).join(' ');
  assert.is(redactor.redact(text), secrets.map(() => `[${REDACTED}]`).join(' '));
  redactor.add('one-more-secret-value');
  assert.is(redactor.redact(`${secrets[0]} one-more-secret-value`), `${REDACTED} ${REDACTED}`);
});

test.run();
