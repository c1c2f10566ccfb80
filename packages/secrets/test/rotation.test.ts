import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryKeyStore } from '@providers/store';
import { MasterKeyMismatch, MasterKeyUnknown, SecretSealer, SecretTampered } from '../src/index.js';
import { keyringOf, newMasterKey, rejection } from './fixtures.js';

const sealUnder = async (keys: MemoryKeyStore, master = newMasterKey()) => {
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  const sealed = [
    await sealer.seal('org-1/prov-1', 'secretAccessKey', 'first secret'),
    await sealer.seal('org-1/prov-2', 'apiKey', 'second secret'),
    await sealer.seal('org-2/prov-1', 'authToken', 'third secret'),
  ] as const;
  return { master, sealed };
};

test('before rotation, a keyring without the old master key fails as MasterKeyUnknown naming it', async () => {
  const keys = new MemoryKeyStore();
  const { master: old, sealed } = await sealUnder(keys);
  const onlyNew = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey()) });
  const error = await rejection(onlyNew.unseal(sealed[0], 'secretAccessKey'));
  assert.instance(error, MasterKeyUnknown);
  assert.is((error as MasterKeyUnknown).masterKeyId, old.id);
  assert.match((error as Error).message, old.id);
});

test('rotation re-wraps every data key with the current master key; the old key can then be dropped', async () => {
  const keys = new MemoryKeyStore();
  const { master: old, sealed } = await sealUnder(keys);
  const before = JSON.stringify(sealed);
  const current = newMasterKey();
  const rotating = new SecretSealer({ keys, masterKeys: keyringOf(current, old) });
  assert.is(await rotating.unseal(sealed[0], 'secretAccessKey'), 'first secret');

  assert.equal(await rotating.rotate(), { rewrapped: 3, unopened: [] });

  for (const keyId of await keys.list()) assert.is((await keys.get(keyId))?.masterKeyId, current.id);
  const onlyNew = new SecretSealer({ keys, masterKeys: keyringOf(current) });
  assert.is(await onlyNew.unseal(sealed[0], 'secretAccessKey'), 'first secret');
  assert.is(await onlyNew.unseal(sealed[1], 'apiKey'), 'second secret');
  assert.is(await onlyNew.unseal(sealed[2], 'authToken'), 'third secret');
  assert.is(JSON.stringify(sealed), before);
  const onlyOld = new SecretSealer({ keys, masterKeys: keyringOf(old) });
  assert.instance(await rejection(onlyOld.unseal(sealed[0], 'secretAccessKey')), MasterKeyUnknown);
});

test('rotating again re-wraps nothing; keys sealed after rotation use the current key', async () => {
  const keys = new MemoryKeyStore();
  const { master: old } = await sealUnder(keys);
  const current = newMasterKey();
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(current, old) });
  assert.equal(await sealer.rotate(), { rewrapped: 3, unopened: [] });
  assert.equal(await sealer.rotate(), { rewrapped: 0, unopened: [] });
  await sealer.seal('org-3/prov-1', 'f', 'later');
  assert.is((await keys.get('org-3/prov-1'))?.masterKeyId, current.id);
});

test('rotation goes on past data keys wrapped by a master key the keyring lacks, and reports each by id', async () => {
  const keys = new MemoryKeyStore();
  const { master: old } = await sealUnder(keys);
  const current = newMasterKey();
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(current) });
  await sealer.seal('org-3/prov-1', 'f', 'sealed under the current key');
  const reason = `master key ${old.id} is not in the keyring`;
  assert.equal(await sealer.rotate(), {
    rewrapped: 0,
    unopened: ['org-1/prov-1', 'org-1/prov-2', 'org-2/prov-1'].map((keyId) => ({ keyId, masterKeyId: old.id, reason })),
  });
  for (const keyId of ['org-1/prov-1', 'org-1/prov-2', 'org-2/prov-1']) assert.is((await keys.get(keyId))?.masterKeyId, old.id);
});

test('a wrong master key under the right id is MasterKeyMismatch; a wrapped key moved or altered is SecretTampered', async () => {
  const keys = new MemoryKeyStore();
  const { master, sealed } = await sealUnder(keys);
  const impostor = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey(master.id)) });
  assert.instance(await rejection(impostor.unseal(sealed[0], 'secretAccessKey')), MasterKeyMismatch);

  const other = await keys.get('org-1/prov-2');
  assert.ok(other);
  await keys.put('org-1/prov-1', other);
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(master) });
  assert.instance(await rejection(sealer.unseal(sealed[0], 'secretAccessKey')), SecretTampered);

  const stored = await keys.get('org-2/prov-1');
  assert.ok(stored);
  const altered = new Uint8Array(stored.wrapped);
  altered[20] = (altered[20] ?? 0) ^ 0x01;
  await keys.put('org-2/prov-1', { wrapped: altered, masterKeyId: stored.masterKeyId });
  assert.instance(await rejection(sealer.unseal(sealed[2], 'authToken')), SecretTampered);
});

test.run();
