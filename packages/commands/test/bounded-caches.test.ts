// The orgs kept in memory are bounded: beyond the bound the org used least recently is dropped, and
// is loaded again (its snapshot and the tail after it, or a replay) with the same state as before.
import { orgStream } from '@providers/domain';
import { MemoryEventStore, MemorySnapshotStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_CACHED_ORGS, InvalidCacheBound, OrgStates, SNAPSHOT_MIN_EVENTS, TailFoldedCache, encodeOrgState, type TailFold } from '../src/index.js';
import { addProviders, appendLinks, counting, replayed } from './support/org-history.js';

const test = suite('bounded caches');

/** A fold whose values count how often they were loaded and caught up, per org. */
const countingFold = () => {
  const loads: string[] = [];
  const fold: TailFold<{ orgId: string; catchUps: number }> = {
    load: async (orgId) => (loads.push(orgId), { orgId, catchUps: 0 }),
    catchUp: async (_, value) => void value.catchUps++,
  };
  return { fold, loads };
};

test('the bound holds: the org used least recently is the one dropped, and it is loaded again when asked for', async () => {
  const { fold, loads } = countingFold();
  const cache = new TailFoldedCache(fold, 2);
  await cache.current('a');
  await cache.current('b');
  await cache.current('a');
  await cache.current('c');
  assert.is(cache.size, 2);
  assert.is(cache.peek('b'), undefined);
  assert.is(cache.peek('a')?.catchUps, 2);
  assert.is(cache.peek('c')?.catchUps, 1);
  await cache.current('b');
  assert.is(cache.size, 2);
  assert.is(cache.peek('a'), undefined);
  assert.equal(loads, ['a', 'b', 'c', 'b']);
});

test('two reads of one org at once load it once; a forgotten org is loaded again', async () => {
  const { fold, loads } = countingFold();
  const cache = new TailFoldedCache(fold);
  const [first, second] = await Promise.all([cache.current('a'), cache.current('a')]);
  assert.ok(first === second);
  assert.equal(loads, ['a']);
  cache.forget('a');
  assert.is(cache.peek('a'), undefined);
  await cache.current('a');
  assert.equal(loads, ['a', 'a']);
});

test(`the bound is ${DEFAULT_CACHED_ORGS} orgs unless told; one that is not a whole number of at least 1 is refused, naming the field and the rule`, async () => {
  const { fold } = countingFold();
  const cache = new TailFoldedCache(fold);
  for (let i = 0; i <= DEFAULT_CACHED_ORGS; i++) await cache.current(`org-${i}`);
  assert.is(cache.size, DEFAULT_CACHED_ORGS);
  assert.is(cache.peek('org-0'), undefined);
  for (const bound of [0, -1, 1.5, Number.NaN]) {
    const refused = (() => {
      try {
        new TailFoldedCache(fold, bound);
      } catch (error) {
        return error;
      }
    })();
    assert.instance(refused, InvalidCacheBound);
    assert.equal([(refused as InvalidCacheBound).field, (refused as InvalidCacheBound).rule, (refused as InvalidCacheBound).kind], ['cachedOrgs', 'a whole number of at least 1', 'usage']);
  }
});

test('an org state dropped from memory is restored from its snapshot and the tail after it, and is right', async () => {
  const store = new MemoryEventStore();
  const snapshots = new MemorySnapshotStore();
  await addProviders(store, 'acme');
  await appendLinks(store, 'acme', SNAPSHOT_MIN_EVENTS);
  await addProviders(store, 'beta');
  const counted = counting(store);
  const states = new OrgStates(counted, { snapshots, cachedOrgs: 1 });
  await states.current('acme');
  assert.is((await snapshots.list(orgStream('acme'))).length, 1);
  assert.is((await states.current('beta')).revision, 2);
  await appendLinks(store, 'acme', 10, 5_000);
  counted.read = 0;
  const reloaded = await states.current('acme');
  // The tail, and the snapshot's own last event read again to check it.
  assert.is(counted.read, 11);
  assert.is(encodeOrgState(reloaded), encodeOrgState(await replayed(store, 'acme')));
  assert.is(states.latestTime('beta'), '');
});

test('without snapshots, an org state dropped from memory is replayed, and is right', async () => {
  const store = new MemoryEventStore();
  await addProviders(store, 'acme');
  await appendLinks(store, 'acme', 30);
  await addProviders(store, 'beta');
  const states = new OrgStates(store, { cachedOrgs: 1 });
  const before = encodeOrgState(await states.current('acme'));
  await states.current('beta');
  assert.is(states.latestTime('acme'), '');
  assert.is(encodeOrgState(await states.current('acme')), before);
  assert.is(before, encodeOrgState(await replayed(store, 'acme')));
});

test.run();
