// Org states from snapshots in the store: a cold start reads the snapshot and the tail; a snapshot that
// does not fit (damaged, another version, another log, unreadable) is replayed over, with a warning.
import { orgStream } from '@providers/domain';
import { MemoryEventStore, MemorySnapshotStore, StoreUnavailable, type Snapshot, type SnapshotStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ORG_STATE_FOLD_VERSION, OrgStates, SNAPSHOT_MIN_EVENTS, encodeOrgState, type SnapshotWarning } from '../src/index.js';
import { addProviders, appendLinks, counting, replayed } from './support/org-history.js';

const test = suite('org state snapshots');
const stream = orgStream('acme');

/** A store with `events` events in org acme and a snapshot of the org taken at its end. */
const snapshotted = async (events = SNAPSHOT_MIN_EVENTS + 200) => {
  const store = new MemoryEventStore();
  const snapshots = new MemorySnapshotStore();
  await addProviders(store, 'acme');
  await appendLinks(store, 'acme', events - 2);
  const warnings: SnapshotWarning[] = [];
  await new OrgStates(store, { snapshots, onWarning: (w) => warnings.push(w) }).current('acme');
  assert.equal(warnings, []);
  return { store, snapshots };
};

/** A new process: nothing cached, reading through a counting store. */
const coldStart = async (store: MemoryEventStore, snapshots: SnapshotStore) => {
  const counted = counting(store);
  const warnings: SnapshotWarning[] = [];
  const state = await new OrgStates(counted, { snapshots, onWarning: (w) => warnings.push(w) }).current('acme');
  return { state, read: counted.read, warnings };
};

const replace = async (snapshots: SnapshotStore, change: (s: Snapshot) => Snapshot) => {
  const newest = (await snapshots.load(stream))!;
  await snapshots.save(change(newest));
};

test(`a state of ${SNAPSHOT_MIN_EVENTS} events or more is snapshotted in the store; a smaller one is not`, async () => {
  const { snapshots } = await snapshotted(SNAPSHOT_MIN_EVENTS);
  assert.equal((await snapshots.list(stream)).map((s) => s.revision), [BigInt(SNAPSHOT_MIN_EVENTS)]);
  const small = await snapshotted(SNAPSHOT_MIN_EVENTS - 1);
  assert.equal(await small.snapshots.list(stream), []);
});

test('a cold start reads the snapshot and only the tail after it (and the snapshot’s own last event, to check it)', async () => {
  const { store, snapshots } = await snapshotted();
  await appendLinks(store, 'acme', 25, 5_000);
  const cold = await coldStart(store, snapshots);
  assert.is(cold.read, 26);
  assert.equal(cold.warnings, []);
  assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(store, 'acme')));
});

test('a damaged snapshot is replayed over with a warning that does not quote it; the state is right', async () => {
  const { store, snapshots } = await snapshotted();
  await replace(snapshots, (s) => ({ ...s, data: s.data.replace('"prod"', '"evil"') }));
  const cold = await coldStart(store, snapshots);
  assert.is(cold.read, SNAPSHOT_MIN_EVENTS + 200);
  assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(store, 'acme')));
  assert.is(cold.warnings.length, 1);
  assert.match(cold.warnings[0]!.message, `the snapshot of ${stream} at position ${SNAPSHOT_MIN_EVENTS + 200} cannot be read (the checksum does not match the content): replaying the stream`);
  assert.not.match(cold.warnings[0]!.message, /arn:aws|evil|ext-id/);
});

test('a snapshot whose text is cut short, or is not an org state, is replayed over', async () => {
  for (const data of [(d: string) => d.slice(0, d.length / 2), () => encodeOrgState({ revision: 1 } as never), () => '']) {
    const { store, snapshots } = await snapshotted();
    await replace(snapshots, (s) => ({ ...s, data: data(s.data) }));
    const cold = await coldStart(store, snapshots);
    assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(store, 'acme')));
    assert.is(cold.warnings.length, 1);
    assert.match(cold.warnings[0]!.message, 'cannot be read');
  }
});

test('a snapshot of another fold or schema version is replayed over, saying which versions', async () => {
  for (const change of [{ foldVersion: ORG_STATE_FOLD_VERSION - 1 }, { schemaVersion: 99 }]) {
    const { store, snapshots } = await snapshotted();
    await replace(snapshots, (s) => ({ ...s, ...change }));
    const cold = await coldStart(store, snapshots);
    assert.is(cold.read, SNAPSHOT_MIN_EVENTS + 200);
    assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(store, 'acme')));
    assert.match(cold.warnings[0]?.message ?? '', `this code reads schema 1 and fold ${ORG_STATE_FOLD_VERSION}`);
  }
});

test('a snapshot of another log (its last event is not where it says) is refused and replayed over', async () => {
  const { store, snapshots } = await snapshotted();
  const other = new MemoryEventStore();
  await addProviders(other, 'acme');
  await appendLinks(other, 'acme', SNAPSHOT_MIN_EVENTS + 198);
  const cold = await coldStart(other, snapshots);
  assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(other, 'acme')));
  assert.ok(encodeOrgState(cold.state) !== encodeOrgState(await replayed(store, 'acme')));
  assert.match(cold.warnings[0]?.message ?? '', "does not match this store's log: replaying the stream");
  const shorter = new MemoryEventStore();
  await addProviders(shorter, 'acme');
  const ahead = await coldStart(shorter, snapshots);
  assert.is(ahead.state.revision, 2);
  assert.match(ahead.warnings[0]?.message ?? '', "is ahead of this store's log");
});

test('a snapshot store that fails to read or to save costs a warning, never an answer', async () => {
  const { store, snapshots } = await snapshotted();
  const broken: SnapshotStore = Object.assign(Object.create(null), {
    load: () => Promise.reject(new StoreUnavailable('the snapshot table is locked')),
    list: () => Promise.reject(new StoreUnavailable('the snapshot table is locked')),
    save: () => Promise.reject(new StoreUnavailable('the disk is full')),
    loadCheckpoint: () => Promise.resolve(undefined),
    saveCheckpoint: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  const cold = await coldStart(store, broken);
  assert.is(encodeOrgState(cold.state), encodeOrgState(await replayed(store, 'acme')));
  assert.equal(
    cold.warnings.map((w) => w.message),
    [`could not read the snapshot of ${stream} (the snapshot table is locked): replaying the stream`, `could not save the snapshot of ${stream}: the disk is full`],
  );
});

test.run();
