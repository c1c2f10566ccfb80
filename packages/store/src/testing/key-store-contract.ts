import { randomBytes } from 'node:crypto';
import * as assert from 'uvu/assert';
import { KeyDeleted, type KeyStore, type StoredKey } from '../key-store.js';
import { storeContract, type ContractOptions, type OpenedStore } from './contract-suite.js';

/** A key store opened for one contract test, and how to let go of it. */
export type OpenedKeyStore = OpenedStore<KeyStore>;

/** What a key store may do either way; the contract checks the way it declares. */
export interface KeyStoreAbilities {
  /**
   * The store remembers deleted key ids: `putIfAbsent` on one refuses with
   * `KeyDeleted`. Otherwise it must create the new key there.
   */
  readonly refusesDeletedKeyIds?: boolean;
}

/** Optional abilities of the key store under test. */
export type KeyStoreContractOptions<T extends OpenedKeyStore> = ContractOptions<KeyStore, T> & KeyStoreAbilities;

/**
 * Registers the key-store contract as a uvu suite named `name` and runs it.
 * `open` must give a new, empty store for every test.
 */
export const keyStoreContract = storeContract<KeyStore, KeyStoreAbilities>(({ test, withStore, reopening }, options) => {
  test('an empty store has no keys', () =>
    withStore(async (store) => {
      assert.is(await store.get('missing'), undefined);
      assert.equal(await store.list(), []);
    }));

  test('put then get gives back the same bytes and master key id', () =>
    withStore(async (store) => {
      const key = stored(Uint8Array.from({ length: 256 }, (_, i) => i), 'master-1');
      await store.put('k1', key);
      const read = await store.get('k1');
      assert.ok(read);
      assert.instance(read.wrapped, Uint8Array);
      assert.equal(bytes(read.wrapped), bytes(key.wrapped));
      assert.is(read.masterKeyId, 'master-1');
    }));

  test('bytes round-trip exactly: zeros at the edges, large random keys', () =>
    withStore(async (store) => {
      const samples = [
        Uint8Array.from([0, 0, 1, 255, 0]),
        Uint8Array.from([255]),
        new Uint8Array(randomBytes(65_536)),
        new Uint8Array(randomBytes(60)),
      ];
      for (const [i, wrapped] of samples.entries()) await store.put(`bytes-${i}`, stored(wrapped));
      for (const [i, wrapped] of samples.entries()) {
        assert.equal(bytes((await store.get(`bytes-${i}`))!.wrapped), bytes(wrapped));
      }
    }));

  test('put of an existing id replaces the key', () =>
    withStore(async (store) => {
      await store.put('rotated', stored(Uint8Array.from([1, 2, 3]), 'old-master'));
      await store.put('rotated', stored(Uint8Array.from([9, 8]), 'new-master'));
      const read = await store.get('rotated');
      assert.equal(bytes(read!.wrapped), [9, 8]);
      assert.is(read!.masterKeyId, 'new-master');
      assert.equal(await store.list(), ['rotated']);
    }));

  test('putIfAbsent stores a new key and returns it', () =>
    withStore(async (store) => {
      const created = await store.putIfAbsent('new', stored(Uint8Array.from([0, 1, 2, 255]), 'master-1'));
      assert.equal([bytes(created.wrapped), created.masterKeyId], [[0, 1, 2, 255], 'master-1']);
      const read = await store.get('new');
      assert.equal([bytes(read!.wrapped), read!.masterKeyId], [[0, 1, 2, 255], 'master-1']);
      assert.equal(await store.list(), ['new']);
    }));

  test('putIfAbsent of an existing id keeps and returns the existing key', () =>
    withStore(async (store) => {
      await store.put('kept', stored(Uint8Array.from([1, 2, 3]), 'first'));
      const returned = await store.putIfAbsent('kept', stored(Uint8Array.from([9, 9]), 'second'));
      assert.equal([bytes(returned.wrapped), returned.masterKeyId], [[1, 2, 3], 'first']);
      const read = await store.get('kept');
      assert.equal([bytes(read!.wrapped), read!.masterKeyId], [[1, 2, 3], 'first']);
      const again = await store.putIfAbsent('kept', stored(Uint8Array.from([7]), 'third'));
      assert.equal(bytes(again.wrapped), [1, 2, 3]);
    }));

  test('concurrent putIfAbsent calls on one id all get the same key, and that key is the stored one', () =>
    withStore(async (store) => {
      const candidates = Array.from({ length: 8 }, (_, i) => stored(new Uint8Array(randomBytes(40)), `master-${i}`));
      const returned = await Promise.all(candidates.map((key) => store.putIfAbsent('raced', key)));
      const read = await store.get('raced');
      assert.ok(read);
      for (const key of returned) assert.equal([bytes(key.wrapped), key.masterKeyId], [bytes(read.wrapped), read.masterKeyId]);
      assert.ok(candidates.some((key) => key.masterKeyId === read.masterKeyId && bytes(key.wrapped).join() === bytes(read.wrapped).join()));
      assert.equal(await store.list(), ['raced']);
    }));

  test('callers cannot change a key stored by putIfAbsent through the buffers they passed or got', () =>
    withStore(async (store) => {
      const wrapped = Uint8Array.from([5, 6, 7]);
      const returned = await store.putIfAbsent('k', stored(wrapped));
      wrapped.fill(0);
      returned.wrapped.fill(1);
      assert.equal(bytes((await store.get('k'))!.wrapped), [5, 6, 7]);
    }));

  if (options.refusesDeletedKeyIds) {
    test('putIfAbsent on a deleted key id refuses with KeyDeleted and stores nothing', () =>
      withStore(async (store) => {
        await store.putIfAbsent('shredded', stored(Uint8Array.from([1])));
        await store.delete('shredded');
        try {
          await store.putIfAbsent('shredded', stored(Uint8Array.from([2])));
          assert.unreachable('a deleted key id was given a new key');
        } catch (error) {
          assert.instance(error, KeyDeleted);
          assert.is((error as KeyDeleted).keyId, 'shredded');
        }
        assert.is(await store.get('shredded'), undefined);
        assert.equal(await store.list(), []);
      }));
  } else {
    test('putIfAbsent on a deleted key id stores the new key, never the deleted one', () =>
      withStore(async (store) => {
        await store.putIfAbsent('shredded', stored(Uint8Array.from([1])));
        await store.delete('shredded');
        const created = await store.putIfAbsent('shredded', stored(Uint8Array.from([2])));
        assert.equal(bytes(created.wrapped), [2]);
        assert.equal(bytes((await store.get('shredded'))!.wrapped), [2]);
      }));
  }

  test('delete removes the key and only that key; deleting a missing key is fine', () =>
    withStore(async (store) => {
      await store.put('gone', stored(Uint8Array.from([1])));
      await store.put('kept', stored(Uint8Array.from([2])));
      await store.delete('gone');
      assert.is(await store.get('gone'), undefined);
      assert.equal(await store.list(), ['kept']);
      assert.equal(bytes((await store.get('kept'))!.wrapped), [2]);
      await store.delete('gone');
      await store.delete('never-there');
      assert.equal(await store.list(), ['kept']);
    }));

  test('list gives every key id', () =>
    withStore(async (store) => {
      const keyIds = Array.from({ length: 50 }, (_, i) => `key-${i}-ключ`);
      for (const keyId of keyIds) await store.put(keyId, stored(new Uint8Array(randomBytes(32))));
      assert.equal([...(await store.list())].sort(), [...keyIds].sort());
    }));

  test('callers cannot change a stored key through the buffers they passed or got', () =>
    withStore(async (store) => {
      const wrapped = Uint8Array.from([1, 2, 3, 4]);
      await store.put('k', stored(wrapped));
      wrapped.fill(0);
      const read = await store.get('k');
      assert.equal(bytes(read!.wrapped), [1, 2, 3, 4]);
      read!.wrapped.fill(7);
      assert.equal(bytes((await store.get('k'))!.wrapped), [1, 2, 3, 4]);
    }));

  if (reopening) {
    test('keys survive closing and reopening the store; deleted keys stay deleted', () =>
      reopening(
        async (store) => {
          await store.put('lasting', stored(Uint8Array.from([4, 5, 6]), 'm'));
          await store.put('deleted', stored(Uint8Array.from([7])));
          await store.delete('deleted');
        },
        async (store) => {
          assert.equal(bytes((await store.get('lasting'))!.wrapped), [4, 5, 6]);
          assert.is(await store.get('deleted'), undefined);
          assert.equal(await store.list(), ['lasting']);
        },
      ));
  }
});

const stored = (wrapped: Uint8Array, masterKeyId = 'master'): StoredKey => ({ wrapped, masterKeyId });
const bytes = (wrapped: Uint8Array) => [...wrapped];
