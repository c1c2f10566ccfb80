// A master key id names one key: a second key under a used id is refused, told apart from tampering, and rotation goes on past it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MemoryKeyStore } from '@providers/store';
import { MasterKeyMismatch, MasterKeyring, SecretSealer, type SealedSecret } from '../src/index.js';
import { keyringOf, newMasterKey, rejection } from './fixtures.js';

/** Data keys and secrets written by the sealer before wrapped keys carried a fingerprint: keys A and B both under id `prod`. */
const format1 = JSON.parse(readFileSync(new URL('./fixtures/format-1-store.json', import.meta.url), 'utf8')) as {
  masterKeys: { A: string; B: string };
  dataKeys: Record<string, { wrapped: string; masterKeyId: string }>;
  sealed: Record<string, { field: string; plaintext: string; sealed: SealedSecret }>;
};
const format1Store = async (): Promise<MemoryKeyStore> => {
  const keys = new MemoryKeyStore();
  for (const [keyId, { wrapped, masterKeyId }] of Object.entries(format1.dataKeys)) {
    await keys.put(keyId, { wrapped: new Uint8Array(Buffer.from(wrapped, 'base64')), masterKeyId });
  }
  return keys;
};
const sealedA = format1.sealed['org-1/prov-1']!;
const sealedB = format1.sealed['org-1/prov-2']!;

test('a second key under an id that wraps data keys already is refused before it wraps anything', async () => {
  const keys = new MemoryKeyStore();
  await new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod')) }).seal('org-1/prov-1', 'apiKey', 'first');
  const impostor = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod')) });
  const error = await rejection(impostor.seal('org-1/prov-2', 'apiKey', 'second'));
  assert.instance(error, MasterKeyMismatch);
  assert.match((error as Error).message, 'this is not the key that id prod names');
  assert.equal(await keys.list(), ['org-1/prov-1']);
});

test('the key an id names keeps sealing new data keys under it; a fresh id is free', async () => {
  const keys = new MemoryKeyStore();
  const prod = newMasterKey('prod');
  await new SecretSealer({ keys, masterKeys: keyringOf(prod) }).seal('org-1/prov-1', 'apiKey', 'first');
  const again = new SecretSealer({ keys, masterKeys: keyringOf(prod) });
  const sealed = await again.seal('org-1/prov-2', 'apiKey', 'second');
  assert.is(await again.unseal(sealed, 'apiKey'), 'second');
  await new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod-2'), prod) }).seal('org-1/prov-3', 'apiKey', 'third');
  assert.equal(await keys.list(), ['org-1/prov-1', 'org-1/prov-2', 'org-1/prov-3']);
});

test('opening with another key under the wrapping id is MasterKeyMismatch, certain, and not called tampering', async () => {
  const keys = new MemoryKeyStore();
  const sealed = await new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod')) }).seal('org-1/prov-1', 'apiKey', 'v');
  const error = await rejection(new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod')) }).unseal(sealed, 'apiKey'));
  assert.instance(error, MasterKeyMismatch);
  assert.is((error as MasterKeyMismatch).certain, true);
  assert.is((error as MasterKeyMismatch).keyId, 'org-1/prov-1');
  assert.not.match((error as Error).message, /tamper|altered/);
});

test('rotation refuses a current key whose id names another key, and re-wraps nothing', async () => {
  const keys = new MemoryKeyStore();
  const old = newMasterKey('old');
  await new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod')) }).seal('org-1/prov-1', 'apiKey', 'v');
  await new SecretSealer({ keys, masterKeys: keyringOf(old) }).seal('org-1/prov-2', 'apiKey', 'w');
  const rotating = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey('prod'), old) });
  assert.instance(await rejection(rotating.rotate()), MasterKeyMismatch);
  assert.is((await keys.get('org-1/prov-2'))?.masterKeyId, 'old');
});

test('rotation goes on past a data key wrapped by another key under a listed id, and reports it by id', async () => {
  const keys = new MemoryKeyStore();
  const [prodA, prodB, current] = [newMasterKey('prod'), newMasterKey('prod'), newMasterKey('next')];
  const sealed = await new SecretSealer({ keys, masterKeys: keyringOf(prodA) }).seal('org-1/prov-1', 'apiKey', 'under A');
  await new SecretSealer({ keys, masterKeys: keyringOf(prodA) }).seal('org-1/prov-2', 'apiKey', 'also under A');
  const report = await new SecretSealer({ keys, masterKeys: keyringOf(current, prodB) }).rotate();
  assert.equal(report, {
    rewrapped: 0,
    unopened: ['org-1/prov-1', 'org-1/prov-2'].map((keyId) => ({ keyId, masterKeyId: 'prod', reason: 'wrapped by another key than the one id prod names here' })),
  });
  assert.equal(await new SecretSealer({ keys, masterKeys: keyringOf(current, prodA) }).rotate(), { rewrapped: 2, unopened: [] });
  assert.is(await new SecretSealer({ keys, masterKeys: keyringOf(current) }).unseal(sealed, 'apiKey'), 'under A');
});

test('data keys wrapped before fingerprints still open with the key that wrapped them', async () => {
  const keys = await format1Store();
  const a = new SecretSealer({ keys, masterKeys: MasterKeyring.parse(format1.masterKeys.A) });
  assert.is(await a.unseal(sealedA.sealed, sealedA.field), sealedA.plaintext);
  const b = new SecretSealer({ keys, masterKeys: MasterKeyring.parse(format1.masterKeys.B) });
  assert.is(await b.unseal(sealedB.sealed, sealedB.field), sealedB.plaintext);
  const wrong = await rejection(a.unseal(sealedB.sealed, sealedB.field));
  assert.instance(wrong, MasterKeyMismatch);
  assert.is((wrong as MasterKeyMismatch).certain, false);
});

test('one id over two keys from before fingerprints: rotation takes each key in turn, reporting what it cannot open', async () => {
  const keys = await format1Store();
  const next = newMasterKey('next');
  const withA = await new SecretSealer({ keys, masterKeys: MasterKeyring.parse(`${next.line},${format1.masterKeys.A}`) }).rotate();
  assert.equal(withA, {
    rewrapped: 1,
    unopened: [{ keyId: 'org-1/prov-2', masterKeyId: 'prod', reason: 'does not unwrap with master key prod: wrapped by another key under that id, or altered' }],
  });
  const withB = await new SecretSealer({ keys, masterKeys: MasterKeyring.parse(`${next.line},${format1.masterKeys.B}`) }).rotate();
  assert.equal(withB, { rewrapped: 1, unopened: [] });
  const onlyNext = new SecretSealer({ keys, masterKeys: keyringOf(next) });
  assert.is(await onlyNext.unseal(sealedA.sealed, sealedA.field), sealedA.plaintext);
  assert.is(await onlyNext.unseal(sealedB.sealed, sealedB.field), sealedB.plaintext);
});

test('rotation upgrades data keys under the current id from before fingerprints, which then bind the id', async () => {
  const keys = await format1Store();
  const a = MasterKeyring.parse(format1.masterKeys.A);
  const before = (await keys.get('org-1/prov-1'))?.wrapped;
  const report = await new SecretSealer({ keys, masterKeys: a }).rotate();
  assert.equal(report.rewrapped, 1);
  const after = await keys.get('org-1/prov-1');
  assert.is(after?.masterKeyId, 'prod');
  assert.is.not(Buffer.from(after!.wrapped).toString('hex'), Buffer.from(before!).toString('hex'));
  assert.is(await new SecretSealer({ keys, masterKeys: a }).unseal(sealedA.sealed, sealedA.field), sealedA.plaintext);
  const upgradedOnly = new MemoryKeyStore();
  await upgradedOnly.put('org-1/prov-1', after!);
  const b = new SecretSealer({ keys: upgradedOnly, masterKeys: MasterKeyring.parse(format1.masterKeys.B) });
  const refused = await rejection(b.seal('org-9/prov-1', 'apiKey', 'x'));
  assert.instance(refused, MasterKeyMismatch);
  assert.is((refused as MasterKeyMismatch).certain, true);
  assert.equal(await new SecretSealer({ keys, masterKeys: a }).rotate(), { rewrapped: 0, unopened: report.unopened });
});

test('the fingerprint beside a wrapped key is neither the key, nor its plain hash, nor the same for two keys', async () => {
  const keys = new MemoryKeyStore();
  const [one, two] = [newMasterKey('one'), newMasterKey('two')];
  await new SecretSealer({ keys, masterKeys: keyringOf(one) }).seal('k1', 'f', 'v');
  await new SecretSealer({ keys, masterKeys: keyringOf(two) }).seal('k2', 'f', 'v');
  const wrapped1 = Buffer.from((await keys.get('k1'))!.wrapped);
  const wrapped2 = Buffer.from((await keys.get('k2'))!.wrapped);
  const fingerprint = (wrapped: Buffer) => wrapped.subarray(1, 17);
  assert.is.not(fingerprint(wrapped1).toString('hex'), fingerprint(wrapped2).toString('hex'));
  for (const [wrapped, key] of [[wrapped1, one.bytes], [wrapped2, two.bytes]] as const) {
    const sha = createHash('sha256').update(key).digest();
    for (const needle of [key.subarray(0, 8), sha.subarray(0, 8), sha.subarray(8, 16)]) assert.not.ok(wrapped.includes(needle));
  }
});

test.run();
