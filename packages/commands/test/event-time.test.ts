// Event times: a writer's clock can neither hide an event from a time filter nor make an as-of answer
// a state that never existed. Given (events) / when (command) / then (events or a typed error).
import * as E from 'fp-ts/lib/Either.js';
import { orgStream, type Command } from '@providers/domain';
import { MemoryEventStore, MemorySnapshotStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CommandHandler, MAX_CLOCK_SKEW_MS, OrgStates, SNAPSHOT_MIN_EVENTS, encodeOrgState } from '../src/index.js';
import { addProviders, appendLinks, counting, linkService, minute, replayed } from './support/org-history.js';

const test = suite('event times');
const admin = { id: 'alice', role: 'admin' as const };
const now = Date.parse('2026-06-01T12:00:00.000Z');
let n = 0;
const link = (issuedAt: string, providerId = 'dev', service = 'api'): Command =>
  ({ type: 'LinkProviderToService', orgId: 'acme', commandId: `c-${++n}`, actor: admin, issuedAt, providerId, app: 'app', service, replace: true }) as Command;
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const times = async (store: MemoryEventStore) => {
  const recorded: string[] = [];
  for await (const page of store.readStream(orgStream('acme'))) for (const e of page) recorded.push((e.metadata as { occurredAt: string }).occurredAt);
  return recorded;
};

test(`a command dated more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes from the store's time is refused, either way, and appends nothing`, async () => {
  const store = new MemoryEventStore();
  await addProviders(store, 'acme', at(-3_600_000));
  const handler = new CommandHandler(store, { clock: () => now });
  for (const [offset, word] of [[-3_600_000, '60 minutes behind'], [86_400_000, '1440 minutes ahead of']] as const) {
    const result = await handler.execute(link(at(offset)));
    assert.ok(E.isLeft(result));
    assert.is(result.left._tag, 'InvalidInput');
    assert.is(result.left.field, 'issuedAt');
    assert.match(result.left.message, `issuedAt: is ${word} the store's time (2026-06-01T12:00:00.000Z)`);
  }
  assert.is(await store.headPosition(), 2n);
});

test('times recorded never go back in a stream: an earlier (but plausible) clock is moved up to the latest recorded time', async () => {
  const store = new MemoryEventStore();
  await addProviders(store, 'acme', at(-60_000));
  const handler = new CommandHandler(store, { clock: () => now });
  assert.ok(E.isRight(await handler.execute(link(at(0)))));
  assert.ok(E.isRight(await handler.execute(link(at(-10 * 60_000), 'prod'))));
  assert.ok(E.isRight(await handler.execute(link(at(5_000), 'dev'))));
  assert.equal(await times(store), [at(-60_000), at(-60_000), at(0), at(0), at(5_000)]);
});

test('as of a time, the state is that of a prefix: the stream is cut at its first event recorded later', async () => {
  // An older writer left times that go back: 10:00, 10:30, then 10:10.
  const store = new MemoryEventStore();
  await addProviders(store, 'acme', minute(0));
  await store.append(orgStream('acme'), [linkService('dev', 'api', minute(10)), linkService('prod', 'web', minute(30)), linkService('prod', 'api', minute(20))], 'any');
  const states = new OrgStates(store);
  const state = await states.at('acme', { time: minute(20) });
  assert.is(state.revision, 3, 'the 10:30 event cuts the stream: the 10:20 one after it is not folded');
  assert.is(encodeOrgState(state), encodeOrgState(await replayed(store, 'acme', 3n)));
});

test('as of a position or a time, the state starts from the nearest snapshot at or before it', async () => {
  const store = new MemoryEventStore({ pageSize: 10 });
  const snapshots = new MemorySnapshotStore();
  await addProviders(store, 'acme', minute(0));
  await appendLinks(store, 'acme', SNAPSHOT_MIN_EVENTS, 1);
  await new OrgStates(store, { snapshots }).current('acme');
  await appendLinks(store, 'acme', 300, 10_000);
  const [snapshot] = await snapshots.list(orgStream('acme'));
  assert.is(snapshot?.revision, BigInt(SNAPSHOT_MIN_EVENTS + 2));
  const counted = counting(store);
  const states = new OrgStates(counted, { snapshots });
  const position = snapshot!.position + 100n;
  const byPosition = await states.at('acme', { position });
  // Pages of 10: the snapshot's last event (checked), the 100 after it, and the rest of the page past the point.
  assert.ok(counted.read >= 101 && counted.read <= 111, `read ${counted.read} events`);
  assert.is(encodeOrgState(byPosition), encodeOrgState(await replayed(store, 'acme', position)));
  counted.read = 0;
  const byTime = await states.at('acme', { time: minute(10_099) });
  assert.is(byTime.revision, SNAPSHOT_MIN_EVENTS + 2 + 100);
  assert.ok(counted.read <= 111, `read ${counted.read} events`);
  counted.read = 0;
  const before = await states.at('acme', { time: minute(500) });
  assert.is(before.revision, 2 + 500, 'before the snapshot: replayed from the start');
});

test.run();
