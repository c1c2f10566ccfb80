import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryKeyStore } from '@providers/store';
import { unwrapDataKey } from '../src/data-key-wrap.js';
import { ProvidersError } from '@providers/domain';
import * as exported from '../src/index.js';
import { isSecretsError, MasterKeyring, SecretSealer, RotationIncomplete } from '../src/index.js';
import { containsAny, keyringOf, newMasterKey, rejection, thrown } from './fixtures.js';

const PLAINTEXT = 'hunter2-the-very-secret-value/+';

const scenario = async () => {
  const keys = new MemoryKeyStore();
  const old = newMasterKey();
  const current = newMasterKey();
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(old) });
  const sealed = await sealer.seal('org-1/prov-1', 'secretAccessKey', PLAINTEXT);
  await sealer.seal('org-1/prov-2', 'secretAccessKey', PLAINTEXT);
  const stored = await keys.get('org-1/prov-1');
  assert.ok(stored);
  const dataKey = unwrapDataKey(old.bytes, old.id, 'org-1/prov-1', stored.wrapped);
  assert.ok(dataKey);
  const secrets: (string | Uint8Array)[] = [PLAINTEXT, old.bytes, old.bytes.subarray(1), current.bytes, dataKey, stored.wrapped, sealed.ct];

  const dir = mkdtempSync(join(tmpdir(), 'providers-secrets-errors-'));
  const openFile = join(dir, 'open.key');
  writeFileSync(openFile, old.line);
  chmodSync(openFile, 0o644);
  const altered = new Uint8Array(stored.wrapped);
  altered[30] = (altered[30] ?? 0) ^ 0x01;
  const alteredKeys = new MemoryKeyStore();
  await alteredKeys.put('org-1/prov-1', { wrapped: altered, masterKeyId: old.id });

  const errors: unknown[] = [
    await rejection(new SecretSealer({ keys }).unseal(sealed, 'secretAccessKey')),
    await rejection(new SecretSealer({ keys, masterKeys: keyringOf(current) }).unseal(sealed, 'secretAccessKey')),
    await rejection(sealer.unseal({ ...sealed, keyId: 'org-1/prov-2' }, 'secretAccessKey')),
    await rejection(sealer.unseal(sealed, 'apiKey')),
    await rejection(new SecretSealer({ keys: alteredKeys, masterKeys: keyringOf(old) }).unseal(sealed, 'secretAccessKey')),
    await rejection(sealer.unseal({ ...sealed, iv: PLAINTEXT }, 'secretAccessKey')),
    await rejection(sealer.seal('org-1/prov-1', 'bad\0field', PLAINTEXT)),
    thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: old.bytes.subarray(1).toString('base64') })),
    thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: `${old.line},${old.line}` })),
    thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: `${PLAINTEXT}:${old.bytes.toString('base64')}` })),
    thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY_FILE: openFile })),
    await rejection(new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey(old.id)) }).unseal(sealed, 'secretAccessKey')),
    new RotationIncomplete((await new SecretSealer({ keys, masterKeys: keyringOf(current, newMasterKey(old.id)) }).rotate()).unopened),
  ];
  await sealer.shred('org-1/prov-1');
  errors.push(await rejection(sealer.unseal(sealed, 'secretAccessKey')));
  rmSync(dir, { recursive: true, force: true });
  return { errors, secrets };
};

// The package's error classes, as its index exports them: a class added there is held to this test too.
type Exported = (typeof exported)[keyof typeof exported];
const errorClasses = Object.values(exported).filter(
  (value): value is Extract<Exported, abstract new (...args: never) => ProvidersError> => typeof value === 'function' && value.prototype instanceof ProvidersError,
);

test('every error class is produced, typed, and tagged', async () => {
  const { errors } = await scenario();
  assert.ok(errorClasses.length > 0);
  for (const errorClass of errorClasses) {
    assert.ok(errors.some((error) => error instanceof errorClass), errorClass.name);
  }
  // And every error produced is of an exported class: none is missing from the index.
  for (const error of errors) assert.ok(errorClasses.some((errorClass) => (error as object).constructor === errorClass), String(error));
  for (const error of errors) {
    assert.ok(isSecretsError(error), String(error));
    const { _tag, name } = error as { _tag: string; name: string };
    assert.is(_tag, name);
  }
  assert.not.ok(isSecretsError(new Error('other')));
});

test('no error message or stack holds a plaintext, a key or a ciphertext, in plain, base64 or hex form', async () => {
  const { errors, secrets } = await scenario();
  for (const error of errors) {
    const { message, stack } = error as Error;
    for (const secret of secrets) {
      assert.not.ok(containsAny(message, secret), message);
      assert.not.ok(containsAny(String(stack), secret), message);
    }
    assert.is((error as Error).cause, undefined);
  }
});

test.run();
