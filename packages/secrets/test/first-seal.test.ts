// The sealer creates a data key with the store's putIfAbsent: whichever key the store keeps is the one sealed with.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KeyDeleted, MemoryKeyStore, type KeyStore, type StoredKey } from '@providers/store';
import { SecretSealer, SecretShredded } from '../src/index.js';
import { keyringOf, newMasterKey, rejection } from './fixtures.js';

/** A view of `inner` whose first read of a key id answers "missing", after `meanwhile` has run. */
const staleFirstRead = (inner: KeyStore, meanwhile: () => Promise<unknown>): KeyStore => {
  let stale = true;
  return {
    get: async (keyId) => {
      if (!stale) return inner.get(keyId);
      stale = false;
      await meanwhile();
      return undefined;
    },
    put: (keyId, key) => inner.put(keyId, key),
    putIfAbsent: (keyId, key) => inner.putIfAbsent(keyId, key),
    delete: (keyId) => inner.delete(keyId),
    list: () => inner.list(),
    close: () => inner.close(),
  };
};

test('a key created by another writer after our read is kept, and both writers seal with it', async () => {
  const inner = new MemoryKeyStore();
  const master = newMasterKey();
  const other = new SecretSealer({ keys: inner, masterKeys: keyringOf(master) });
  let theirs: Awaited<ReturnType<SecretSealer['seal']>> | undefined;
  const keys = staleFirstRead(inner, async () => (theirs = await other.seal('org-1/prov-1', 'f', 'theirs')));
  const ours = await new SecretSealer({ keys, masterKeys: keyringOf(master) }).seal('org-1/prov-1', 'f', 'ours');
  const fresh = new SecretSealer({ keys: inner, masterKeys: keyringOf(master) });
  assert.ok(theirs);
  assert.is(await fresh.unseal(theirs, 'f'), 'theirs');
  assert.is(await fresh.unseal(ours, 'f'), 'ours');
  assert.equal(await inner.list(), ['org-1/prov-1']);
});

test('a store that refuses a deleted key id makes sealing there fail as SecretShredded, naming the key id', async () => {
  const inner = new MemoryKeyStore();
  const keys: KeyStore = {
    get: (keyId) => inner.get(keyId),
    put: (keyId, key) => inner.put(keyId, key),
    putIfAbsent: async (keyId: string, _key: StoredKey) => {
      throw new KeyDeleted(keyId);
    },
    delete: (keyId) => inner.delete(keyId),
    list: () => inner.list(),
    close: () => inner.close(),
  };
  const sealer = new SecretSealer({ keys, masterKeys: keyringOf(newMasterKey()) });
  const error = await rejection(sealer.seal('org-1/prov-1', 'f', 'value'));
  assert.instance(error, SecretShredded);
  assert.is((error as SecretShredded).keyId, 'org-1/prov-1');
  assert.not.match((error as Error).message, 'value');
  assert.equal(await inner.list(), []);
});

test.run();
