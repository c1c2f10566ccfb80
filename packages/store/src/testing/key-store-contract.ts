import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KeyStore, StoredKey } from '../key-store.js';

/** A key store opened for one contract test, and how to let go of it. */
export interface OpenedKeyStore {
  readonly store: KeyStore;
  /** Closes the store (and whatever the harness opened with it). */
  close(): Promise<void>;
}

/** Optional abilities of the key store under test. */
export interface KeyStoreContractOptions<T extends OpenedKeyStore> {
  /** Opens again the storage behind `closed` (already closed): enables the durability test. */
  readonly reopen?: (closed: T) => Promise<OpenedKeyStore>;
}

/**
 * Registers the key-store contract as a uvu suite named `name` and runs it.
 * `open` must give a new, empty store for every test.
 */
export function keyStoreContract<T extends OpenedKeyStore>(
  name: string,
  open: () => Promise<T>,
  options: KeyStoreContractOptions<T> = {},
): void {
  const test = suite(name);
  const withStore = async (body: (store: KeyStore) => Promise<void>) => {
    const opened = await open();
    try {
      await body(opened.store);
    } finally {
      await opened.close();
    }
  };

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

  const reopen = options.reopen;
  if (reopen) {
    test('keys survive closing and reopening the store; deleted keys stay deleted', async () => {
      const first = await open();
      let closed = false;
      try {
        await first.store.put('lasting', stored(Uint8Array.from([4, 5, 6]), 'm'));
        await first.store.put('deleted', stored(Uint8Array.from([7])));
        await first.store.delete('deleted');
        await first.close();
        closed = true;
        const second = await reopen(first);
        try {
          assert.equal(bytes((await second.store.get('lasting'))!.wrapped), [4, 5, 6]);
          assert.is(await second.store.get('deleted'), undefined);
          assert.equal(await second.store.list(), ['lasting']);
        } finally {
          await second.close();
        }
      } finally {
        if (!closed) await first.close();
      }
    });
  }

  test.run();
}

const stored = (wrapped: Uint8Array, masterKeyId = 'master'): StoredKey => ({ wrapped, masterKeyId });
const bytes = (wrapped: Uint8Array) => [...wrapped];
