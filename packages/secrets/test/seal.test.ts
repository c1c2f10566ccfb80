import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryKeyStore } from '@providers/store';
import {
  InvalidSealInput,
  MasterKeyMissing,
  SecretSealer,
  SecretShredded,
  SecretTampered,
  type SealedSecret,
} from '../src/index.js';
import { containsAny, CountingKeyStore, keyringOf, newMasterKey, rejection } from './fixtures.js';

const setup = () => {
  const keys = new MemoryKeyStore();
  const master = newMasterKey();
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  return { keys, master, sealer };
};

const flipByte = (base64: string, index = 0): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('a sealed value opens to the same string, unicode included', async () => {
  const { sealer } = setup();
  for (const plaintext of [SECRET, 'pässwörd — 秘密 🔑', 'x']) {
    const sealed = await sealer.seal('org-1/prov-1', 'secretAccessKey', plaintext);
    assert.is(await sealer.unseal(sealed, 'secretAccessKey'), plaintext);
  }
});

test('the empty string is allowed: it seals and opens as the empty string', async () => {
  const { sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'pin', '');
  assert.is(await sealer.unseal(sealed, 'pin'), '');
});

test('a sealed secret has the agreed JSON shape and a fresh IV each time', async () => {
  const { sealer } = setup();
  const first = await sealer.seal('org-1/prov-1', 'f', SECRET);
  const second = await sealer.seal('org-1/prov-1', 'f', SECRET);
  assert.equal(Object.keys(first).sort(), ['alg', 'ct', 'iv', 'keyId', 'tag']);
  assert.is(first.alg, 'A256GCM');
  assert.is(first.keyId, 'org-1/prov-1');
  assert.is(Buffer.from(first.iv, 'base64').length, 12);
  assert.is(Buffer.from(first.tag, 'base64').length, 16);
  assert.is.not(first.iv, second.iv);
  assert.is.not(first.ct, second.ct);
  assert.equal(JSON.parse(JSON.stringify(first)), first);
});

test('neither the sealed JSON nor the stored wrapped key holds the plaintext, plain, base64 or hex', async () => {
  const { sealer, keys } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'secretAccessKey', SECRET);
  const stored = await keys.get('org-1/prov-1');
  assert.ok(stored);
  assert.not.ok(containsAny(JSON.stringify(sealed), SECRET));
  const storedText = `${Buffer.from(stored.wrapped).toString('latin1')} ${Buffer.from(stored.wrapped).toString('base64')} ${Buffer.from(stored.wrapped).toString('hex')} ${stored.masterKeyId}`;
  assert.not.ok(containsAny(storedText, SECRET));
});

test('a ciphertext moved to another key id or field fails as SecretTampered', async () => {
  const { sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'secretAccessKey', SECRET);
  await sealer.seal('org-1/prov-2', 'secretAccessKey', 'another secret');
  const movedProvider = await rejection(sealer.unseal({ ...sealed, keyId: 'org-1/prov-2' }, 'secretAccessKey'));
  assert.instance(movedProvider, SecretTampered);
  const movedField = await rejection(sealer.unseal(sealed, 'apiKey'));
  assert.instance(movedField, SecretTampered);
  assert.is((movedField as SecretTampered).field, 'apiKey');
});

test('flipping a byte of the ciphertext, tag or IV fails as SecretTampered', async () => {
  const { sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'f', SECRET);
  const tampered: SealedSecret[] = [
    { ...sealed, ct: flipByte(sealed.ct) },
    { ...sealed, ct: flipByte(sealed.ct, 39) },
    { ...sealed, tag: flipByte(sealed.tag, 15) },
    { ...sealed, iv: flipByte(sealed.iv, 11) },
  ];
  for (const secret of tampered) assert.instance(await rejection(sealer.unseal(secret, 'f')), SecretTampered);
});

test('a malformed sealed secret fails as SecretTampered, not as a crash', async () => {
  const { sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'f', SECRET);
  const malformed: unknown[] = [
    { ...sealed, alg: 'A128GCM' },
    { ...sealed, iv: Buffer.alloc(8).toString('base64') },
    { ...sealed, tag: 'not base64!' },
    { ...sealed, ct: 42 },
    { ...sealed, keyId: '' },
    null,
  ];
  for (const secret of malformed) {
    assert.instance(await rejection(sealer.unseal(secret as SealedSecret, 'f')), SecretTampered);
  }
});

test('shred: the secret becomes SecretShredded, other providers still open, the wrapped key is gone', async () => {
  const { sealer, keys } = setup();
  const shredded = await sealer.seal('org-1/prov-1', 'f', SECRET);
  const kept = await sealer.seal('org-1/prov-2', 'f', 'kept secret');
  assert.is(await sealer.unseal(shredded, 'f'), SECRET);
  assert.ok(await sealer.hasKey('org-1/prov-1'));

  await sealer.shred('org-1/prov-1');

  const error = await rejection(sealer.unseal(shredded, 'f'));
  assert.instance(error, SecretShredded);
  assert.is((error as SecretShredded).keyId, 'org-1/prov-1');
  assert.match((error as Error).message, 'secret shredded');
  assert.match((error as Error).message, 'org-1/prov-1');
  assert.is(await sealer.unseal(kept, 'f'), 'kept secret');
  assert.not.ok(await sealer.hasKey('org-1/prov-1'));
  assert.is(await keys.get('org-1/prov-1'), undefined);
  assert.equal(await keys.list(), ['org-1/prov-2']);
});

test('shred is seen by a sealer that has the key cached, and shredding twice is fine', async () => {
  const { sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'f', SECRET);
  await sealer.shred('org-1/prov-1');
  await sealer.shred('org-1/prov-1');
  assert.instance(await rejection(sealer.unseal(sealed, 'f')), SecretShredded);
});

test('sealing after a shred creates a new data key; the old secrets still do not open', async () => {
  const { sealer } = setup();
  const old = await sealer.seal('org-1/prov-1', 'f', SECRET);
  await sealer.shred('org-1/prov-1');
  const fresh = await sealer.seal('org-1/prov-1', 'f', 'new secret');
  assert.is(await sealer.unseal(fresh, 'f'), 'new secret');
  assert.instance(await rejection(sealer.unseal(old, 'f')), SecretTampered);
});

test('a shred racing a first unseal never leaves the shredded key cached', async () => {
  const { keys, master } = setup();
  const sealed = await new SecretSealer({ keys, masterKeys: keyringOf(master) }).seal('org-1/prov-1', 'f', SECRET);
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  const opening = sealer.unseal(sealed, 'f');
  const shredding = sealer.shred('org-1/prov-1');
  assert.is(await opening, SECRET);
  await shredding;
  assert.instance(await rejection(sealer.unseal(sealed, 'f')), SecretShredded);
});

test('concurrent first seals of one key id share one data key', async () => {
  const { sealer, keys, master } = setup();
  const sealed = await Promise.all(['a', 'b', 'c', 'd'].map((value) => sealer.seal('org-1/prov-1', 'f', value)));
  const fresh = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  assert.equal(await Promise.all(sealed.map((secret) => fresh.unseal(secret, 'f'))), ['a', 'b', 'c', 'd']);
});

test('two sealers over one key store sealing a new key id at once end up with one data key', async () => {
  const { keys, master } = setup();
  const first = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  const second = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  const [a, b] = await Promise.all([first.seal('org-1/prov-1', 'f', 'a'), second.seal('org-1/prov-1', 'f', 'b')]);
  const fresh = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  assert.is(await fresh.unseal(a, 'f'), 'a');
  assert.is(await fresh.unseal(b, 'f'), 'b');
});

test('unwrapped data keys are cached, and the cache is bounded', async () => {
  const keys = new CountingKeyStore();
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey()), cacheSize: 2 });
  const one = await sealer.seal('org-1/prov-1', 'f', 'one');
  keys.gets = 0;
  for (let i = 0; i < 5; i += 1) await sealer.unseal(one, 'f');
  await sealer.seal('org-1/prov-1', 'f', 'again');
  assert.is(keys.gets, 0);

  await sealer.seal('org-1/prov-2', 'f', 'two');
  await sealer.seal('org-1/prov-3', 'f', 'three');
  keys.gets = 0;
  assert.is(await sealer.unseal(one, 'f'), 'one');
  assert.is(keys.gets, 1);
});

test('sealing, opening or rotating without a master key fails as MasterKeyMissing; shred and hasKey work', async () => {
  const { keys, sealer } = setup();
  const sealed = await sealer.seal('org-1/prov-1', 'f', SECRET);
  const keyless = new SecretSealer({ keys, masterKeys: undefined });
  assert.instance(await rejection(keyless.seal('org-1/prov-1', 'f', SECRET)), MasterKeyMissing);
  const missing = await rejection(keyless.unseal(sealed, 'f'));
  assert.instance(missing, MasterKeyMissing);
  assert.is(
    (missing as Error).message,
    'sealed secrets exist but no master key is configured: set PROVIDERS_MASTER_KEY or PROVIDERS_MASTER_KEY_FILE',
  );
  assert.instance(await rejection(keyless.rotate()), MasterKeyMissing);
  assert.ok(await keyless.hasKey('org-1/prov-1'));
  await keyless.shred('org-1/prov-1');
  assert.not.ok(await keyless.hasKey('org-1/prov-1'));
});

test('a key id or field that is empty or holds NUL, or a lone surrogate, is refused', async () => {
  const { sealer, keys } = setup();
  const refused = [
    sealer.seal('', 'f', SECRET),
    sealer.seal('org-1/prov-1', '', SECRET),
    sealer.seal('org\0x', 'f', SECRET),
    sealer.seal('org-1/prov-1', 'a\0b', SECRET),
    sealer.seal('org-1/prov-1', 'f', 'half \ud83d'),
  ];
  for (const attempt of refused) assert.instance(await rejection(attempt), InvalidSealInput);
  assert.equal(await keys.list(), []);
});

test.run();
