import * as assert from 'uvu/assert';
import { SNAPSHOTS_KEPT, type Snapshot, type SnapshotStore } from '../snapshot-store.js';
import { storeContract, type ContractOptions, type OpenedStore } from './contract-suite.js';

/** A snapshot store opened for one contract test, and how to let go of it. */
export type OpenedSnapshotStore = OpenedStore<SnapshotStore>;

/** Optional abilities of the snapshot store under test. */
export type SnapshotStoreContractOptions<T extends OpenedSnapshotStore> = ContractOptions<SnapshotStore, T>;

/**
 * Registers the snapshot-store contract as a uvu suite named `name` and runs
 * it. `open` must give a new, empty store for every test.
 */
export const snapshotStoreContract = storeContract<SnapshotStore>(({ test, withStore, reopening }) => {
  test('an empty store has no snapshot and no checkpoint', () =>
    withStore(async (store) => {
      assert.is(await store.load('providers-org-a'), undefined);
      assert.equal(await positions(store, 'providers-org-a'), []);
      assert.is(await store.loadCheckpoint('read-models'), undefined);
    }));

  test('a saved snapshot comes back field for field, its text verbatim', () =>
    withStore(async (store) => {
      const saved = snapshot('providers-org-a', 7n, { revision: 5n, data: '{"é":"\\u0000 ✓ \u{1F600}","n":[1,2.5,null]}\n' });
      await store.save(saved);
      assert.equal(await store.load('providers-org-a'), saved);
      const { data: _data, ...info } = saved;
      assert.equal(await store.list('providers-org-a'), [info]);
    }));

  test('large texts round-trip whole (a big org state is megabytes)', () =>
    withStore(async (store) => {
      const data = JSON.stringify(Array.from({ length: 120_000 }, (_, i) => `command-${i}-${'x'.repeat(i % 17)}`));
      assert.ok(data.length > 2_500_000);
      await store.save(snapshot('big', 1n, { data }));
      const read = await store.load('big');
      assert.is(read?.data.length, data.length);
      assert.ok(read?.data === data, 'the text changed on the way');
    }));

  test('positions and revisions keep 64 bits', () =>
    withStore(async (store) => {
      const saved = snapshot('wide', 2n ** 62n + 3n, { revision: 2n ** 61n + 1n });
      await store.save(saved);
      assert.equal(await store.load('wide'), saved);
      await store.saveCheckpoint('wide', 2n ** 62n + 5n);
      assert.is(await store.loadCheckpoint('wide'), 2n ** 62n + 5n);
    }));

  test('load chooses the newest snapshot at or before a position', () =>
    withStore(async (store) => {
      for (const position of [10n, 20n, 30n]) await store.save(snapshot('s', position));
      assert.is((await store.load('s'))?.position, 30n);
      assert.is((await store.load('s', { atOrBefore: 29n }))?.position, 20n);
      assert.is((await store.load('s', { atOrBefore: 20n }))?.position, 20n);
      assert.is((await store.load('s', { atOrBefore: 100n }))?.position, 30n);
      assert.is(await store.load('s', { atOrBefore: 9n }), undefined);
      assert.equal(await positions(store, 's'), [10n, 20n, 30n]);
    }));

  test('saving at a position already saved replaces that snapshot', () =>
    withStore(async (store) => {
      await store.save(snapshot('s', 10n, { data: 'first' }));
      await store.save(snapshot('s', 10n, { data: 'second', foldVersion: 2 }));
      const read = await store.load('s');
      assert.is(read?.data, 'second');
      assert.is(read?.foldVersion, 2);
      assert.equal(await positions(store, 's'), [10n]);
    }));

  test(`only the newest ${SNAPSHOTS_KEPT} snapshots of a name are kept`, () =>
    withStore(async (store) => {
      const total = SNAPSHOTS_KEPT + 3;
      for (let i = 1; i <= total; i++) await store.save(snapshot('s', BigInt(i * 100)));
      const kept = Array.from({ length: SNAPSHOTS_KEPT }, (_, i) => BigInt((total - SNAPSHOTS_KEPT + 1 + i) * 100));
      assert.equal(await positions(store, 's'), kept);
      assert.is(await store.load('s', { atOrBefore: 300n }), undefined);
      // An older snapshot saved late is dropped at once: it is not among the newest.
      await store.save(snapshot('s', 50n));
      assert.equal(await positions(store, 's'), kept);
    }));

  test('names are independent, also where one is a prefix of another', () =>
    withStore(async (store) => {
      await store.save(snapshot('org-a', 1n, { data: 'a' }));
      for (let i = 1; i <= SNAPSHOTS_KEPT + 1; i++) await store.save(snapshot('org-a-b', BigInt(i), { data: 'ab' }));
      assert.is((await store.load('org-a'))?.data, 'a');
      assert.equal(await positions(store, 'org-a'), [1n]);
      assert.is((await store.load('org-a-b'))?.data, 'ab');
      assert.is(await store.load('org'), undefined);
    }));

  test('checkpoints are saved, replaced, and apart from snapshots of the same name', () =>
    withStore(async (store) => {
      await store.saveCheckpoint('read-models', 5n);
      await store.saveCheckpoint('read-models', 9n);
      await store.saveCheckpoint('other', 1n);
      assert.is(await store.loadCheckpoint('read-models'), 9n);
      assert.is(await store.loadCheckpoint('other'), 1n);
      assert.is(await store.load('read-models'), undefined);
      await store.save(snapshot('read-models', 3n));
      assert.is(await store.loadCheckpoint('read-models'), 9n);
    }));

  if (reopening) {
    test('snapshots and checkpoints survive closing and reopening the store', () => {
      const saved = snapshot('durable', 42n, { data: 'kept' });
      return reopening(
        async (store) => {
          await store.save(saved);
          await store.saveCheckpoint('durable', 43n);
        },
        async (store) => {
          assert.equal(await store.load('durable'), saved);
          assert.is(await store.loadCheckpoint('durable'), 43n);
        },
      );
    });
  }
});

const positions = async (store: SnapshotStore, name: string): Promise<bigint[]> => (await store.list(name)).map((info) => info.position);

const snapshot = (name: string, position: bigint, fields: Partial<Omit<Snapshot, 'name' | 'position'>> = {}): Snapshot => ({
  name,
  position,
  revision: fields.revision ?? position,
  eventId: fields.eventId ?? `event-at-${position}`,
  eventTime: fields.eventTime ?? new Date(Date.UTC(2026, 0, 1) + Number(position % 1_000_000n) * 1000).toISOString(),
  schemaVersion: fields.schemaVersion ?? 1,
  foldVersion: fields.foldVersion ?? 1,
  data: fields.data ?? `{"at":"${position}"}`,
});
