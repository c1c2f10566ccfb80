// Command handling: load (tail-read), decide, append with the expected revision, re-decide on a conflict.
import * as E from 'fp-ts/lib/Either.js';
import { orgStream, type Command } from '@providers/domain';
import { MemoryEventStore, type EventStore, type NewEvent, type ExpectedRevision, type ReadStreamOptions } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CommandHandler, ConcurrencyExhausted, MAX_RETRY_DELAY_MS, eventIdFor, retryDelayMs } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
/** The store's time: the minute the commands are dated. */
const clock = () => Date.parse('2026-03-01T10:00:00.000Z');
let n = 0;
const command = (body: Record<string, unknown>, commandId = `c-${++n}`): Command =>
  ({ orgId: 'acme', commandId, actor: admin, issuedAt: '2026-03-01T10:00:00.000Z', ...body }) as Command;
const addDev = (providerId = 'p1', name = 'dev', commandId?: string) =>
  command(
    {
      type: 'AddProvider',
      providerId,
      name,
      providerType: 'aws',
      credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy', externalId: 'ext-id', sessionDurationSeconds: 3600 },
    },
    commandId,
  );

const readOrg = async (store: EventStore, orgId = 'acme') => {
  const events = [];
  for await (const page of store.readStream(orgStream(orgId))) events.push(...page);
  return events;
};

const handling = suite('CommandHandler');

handling('an accepted command is appended with its metadata', async () => {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, { clock });
  const result = await handler.execute(addDev('p1', 'dev', 'add-1'));
  assert.ok(E.isRight(result));
  const [stored] = await readOrg(store);
  assert.is(stored?.type, 'ProviderAdded');
  assert.is(stored?.revision, 1n);
  assert.equal(stored?.metadata, {
    schemaVersion: 1,
    eventId: eventIdFor('acme', 'add-1', 0),
    commandId: 'add-1',
    actor: admin,
    occurredAt: '2026-03-01T10:00:00.000Z',
  });
  assert.is(stored?.eventId, eventIdFor('acme', 'add-1', 0));
  assert.match(stored!.eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

handling('a rejected command appends nothing', async () => {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, { clock });
  await handler.execute(addDev('p1', 'dev'));
  const before = await store.headPosition();
  const result = await handler.execute(addDev('p2', 'DEV'));
  assert.ok(E.isLeft(result) && result.left._tag === 'ProviderNameTaken');
  assert.is(await store.headPosition(), before);
});

handling('invalid input is rejected before anything is read or written', async () => {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, { clock });
  const result = await handler.execute({ ...addDev(), orgId: 'bad org' } as Command);
  assert.ok(E.isLeft(result) && result.left._tag === 'InvalidInput' && result.left.field === 'orgId');
  assert.is(await store.headPosition(), 0n);
});

handling('the same command sent twice appends once, even through another handler', async () => {
  const store = new MemoryEventStore();
  const first = await new CommandHandler(store, { clock }).execute(addDev('p1', 'dev', 'once'));
  const again = await new CommandHandler(store, { clock }).execute(addDev('p1', 'dev', 'once'));
  assert.ok(E.isRight(first) && first.right.events.length === 1);
  assert.ok(E.isRight(again) && again.right.events.length === 0);
  assert.is((await readOrg(store)).length, 1);
});

/** Counts the events handed out by readStream, to show the handler reads only the tail. */
class CountingStore extends MemoryEventStore {
  read = 0;
  override async *readStream(stream: string, options?: ReadStreamOptions) {
    for await (const page of super.readStream(stream, options)) {
      this.read += page.length;
      yield page;
    }
  }
}

handling('state is cached: a later command reads only the events since the cached revision', async () => {
  const store = new CountingStore();
  const writer = new CommandHandler(store, { clock });
  for (let i = 0; i < 50; i++) await writer.execute(addDev(`p${i}`, `name-${i}`));
  const handler = new CommandHandler(store, { clock });
  await handler.execute(command({ type: 'RenameProvider', providerId: 'p0', name: 'renamed-0' }));
  assert.is(store.read, 50, 'the first command loads the history once');
  await writer.execute(addDev('late', 'late')); // another writer appends one event
  store.read = 0;
  const result = await handler.execute(command({ type: 'RenameProvider', providerId: 'late', name: 'renamed-late' }));
  assert.ok(E.isRight(result), 'the tail holds the other writer’s provider');
  assert.is(store.read, 1, 'only the tail is read');
});

/** A store where another writer sneaks in an event just before each of the first `races` appends. */
class RacingStore extends MemoryEventStore {
  constructor(
    private races: number,
    private readonly rival: () => NewEvent,
  ) {
    super();
  }
  override async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision) {
    if (this.races-- > 0) await super.append(stream, [this.rival()], 'any');
    return super.append(stream, events, expected);
  }
}

const rivalAdd = (providerId: string, name: string) => (): NewEvent => ({
  eventId: `rival-${providerId}-${Math.random()}`,
  type: 'ProviderAdded',
  data: {
    providerId,
    name,
    type: 'aws',
    credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::222222222222:role/deploy', externalId: 'ext-id', sessionDurationSeconds: 3600 },
    accountId: '222222222222',
  },
  metadata: { schemaVersion: 1, eventId: 'x', commandId: `rival-${providerId}`, actor: { id: 'rival', role: 'admin' }, occurredAt: '2026-03-01T09:00:00.000Z' },
});

handling('a conflict reloads and decides again, and the command succeeds', async () => {
  let i = 0;
  const store = new RacingStore(1, () => rivalAdd(`r${++i}`, `rival-${i}`)());
  const result = await new CommandHandler(store, { clock }).execute(addDev('p1', 'dev'));
  assert.ok(E.isRight(result));
  if (E.isRight(result)) {
    assert.is(result.right.attempts, 2);
    assert.is(result.right.revision, 2n);
  }
  assert.equal((await readOrg(store)).map((e) => (e.data as { name: string }).name), ['rival-1', 'dev']);
});

handling('after a conflict the new decision may be a rejection, and it is final', async () => {
  const store = new RacingStore(1, rivalAdd('r1', 'DEV'));
  const result = await new CommandHandler(store, { clock }).execute(addDev('p1', 'dev'));
  assert.ok(E.isLeft(result) && result.left._tag === 'ProviderNameTaken');
  assert.is((await readOrg(store)).length, 1, 'only the rival’s event');
});

handling('a prepare step runs on each attempt’s state; keep runs only for an accepted decision; release gets the state of the final rejection', async () => {
  const store = new RacingStore(1, rivalAdd('r1', 'DEV'));
  const seen: string[] = [];
  const result = await new CommandHandler(store, { clock }).transact({
    orgId: 'acme',
    prepare: async (state) => {
      seen.push(`prepare at ${state.revision}`);
      return E.right({ command: addDev('p1', 'dev', 'prepared-1'), keep: async () => (seen.push('keep'), true) });
    },
    release: async (state) => void seen.push(`release at ${state.revision}`),
  });
  assert.ok(E.isLeft(result) && result.left._tag === 'ProviderNameTaken');
  assert.equal(seen, ['prepare at 0', 'keep', 'prepare at 1', 'release at 1']);
});

handling('a keep that cannot keep prepares again; a prepare step’s rejection is final and released', async () => {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, { clock });
  let kept = 0;
  const accepted = await handler.transact({
    orgId: 'acme',
    prepare: async () => E.right({ command: addDev('p1', 'dev', 'keep-twice'), keep: async () => ++kept > 1 }),
  });
  assert.ok(E.isRight(accepted) && accepted.right.attempts === 2);
  let released = false;
  const refused = await handler.transact({
    orgId: 'acme',
    prepare: async () => E.left({ _tag: 'InvalidInput', field: 'credentials', rule: 'broken', message: 'credentials: broken' }),
    release: async () => void (released = true),
  });
  assert.ok(E.isLeft(refused) && refused.left._tag === 'InvalidInput');
  assert.ok(released);
  assert.is((await readOrg(store)).length, 1);
});

handling('retries are bounded', async () => {
  let i = 0;
  const store = new RacingStore(100, () => rivalAdd(`r${++i}`, `rival-${i}`)());
  try {
    await new CommandHandler(store, { maxAttempts: 3, clock }).execute(addDev('p1', 'dev'));
    assert.unreachable('expected ConcurrencyExhausted');
  } catch (error) {
    assert.instance(error, ConcurrencyExhausted);
  }
});

handling('after each lost race but the first, a command waits before deciding again; not after the last', async () => {
  let i = 0;
  const store = new RacingStore(100, () => rivalAdd(`r${++i}`, `rival-${i}`)());
  const asked: number[] = [];
  const handler = new CommandHandler(store, { maxAttempts: 4, clock, retryDelay: (lost) => (asked.push(lost), 1) });
  try {
    await handler.execute(addDev('p1', 'dev'));
    assert.unreachable('expected ConcurrencyExhausted');
  } catch (error) {
    assert.instance(error, ConcurrencyExhausted);
  }
  assert.equal(asked, [1, 2, 3]);
});

handling('the default wait: none after one lost race, then a random time below a bound that doubles, capped', () => {
  assert.is(retryDelayMs(1, () => 0.999), 0);
  const highest = [2, 3, 4, 5, 6, 7, 8, 9, 10].map((lost) => retryDelayMs(lost, () => 0.999999));
  assert.equal(highest, [4, 9, 19, 39, 79, 159, 249, 249, 249]);
  assert.ok(highest.every((ms) => ms < MAX_RETRY_DELAY_MS));
  assert.is(retryDelayMs(6, () => 0), 0);
  assert.is(retryDelayMs(6, () => 0.5), 40);
});

handling('concurrent commands in one process are serialized per org and none is lost', async () => {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, { clock });
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => handler.execute(addDev(`p${i}`, `n${i}`))));
  assert.ok(results.every(E.isRight));
  const events = await readOrg(store);
  assert.is(events.length, 40);
  assert.equal(events.map((e) => e.revision), Array.from({ length: 40 }, (_, i) => BigInt(i + 1)));
});

handling('two handlers on one store (two processes) lose nothing', async () => {
  const store = new MemoryEventStore();
  const a = new CommandHandler(store, { clock });
  const b = new CommandHandler(store, { clock });
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).execute(addDev(`p${i}`, `n${i}`))));
  assert.ok(results.every(E.isRight));
  assert.is((await readOrg(store)).length, 60);
});

handling.run();
