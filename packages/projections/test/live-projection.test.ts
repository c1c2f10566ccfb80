// Live projections: catch up from a checkpoint (and snapshot), follow new events, save progress, survive restarts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, Subscription, SubscriptionMessage } from '@providers/store';
import { MemoryEventStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  FileCheckpointStore,
  LiveProjection,
  MemoryCheckpointStore,
  ResolutionIndex,
  createReadModels,
  loadReadModels,
  readModelList,
  rebuildReadModels,
  type CheckpointThrottle,
  type ProjectedEvent,
  type ReadModel,
} from '../src/index.js';
import { setup } from './support.js';

/** A store that counts the events it hands out, through reads and subscriptions. */
const counting = (inner: EventStore) => {
  const counter = { events: 0 };
  const store: EventStore = {
    append: (stream, events, expected) => inner.append(stream, events, expected),
    readStream: (stream, options) => inner.readStream(stream, options),
    async *readAll(options) {
      for await (const page of inner.readAll(options)) {
        counter.events += page.length;
        yield page;
      }
    },
    subscribeAll(options): Subscription {
      const subscription = inner.subscribeAll(options);
      async function* messages(): AsyncGenerator<SubscriptionMessage> {
        for await (const message of subscription) {
          if (message.kind === 'events') counter.events += message.events.length;
          yield message;
        }
      }
      const iterator = messages();
      return { [Symbol.asyncIterator]: () => iterator, close: () => subscription.close() };
    },
    truncateStreamBefore: (stream, revision) => inner.truncateStreamBefore(stream, revision),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
  return { store, counter };
};

const resolve = (index: ResolutionIndex, service: string) => index.resolve({ orgId: 'acme', app: 'app1', service, stage: 'prod' }).provider?.id ?? null;

const live = suite('LiveProjection');

live('catches up, then folds new events as they are appended; checkpoints at catch-up and on stop', async () => {
  const { store, addRole, link } = setup();
  await addRole('p-dev', 'dev', '111111111111');
  await link('p-dev', 'app1', 'api');
  const checkpoints = new MemoryCheckpointStore();
  const models = createReadModels();
  const projection = new LiveProjection({ store, models: readModelList(models), name: 'providers', checkpoints, snapshots: checkpoints });
  assert.equal(await projection.start(), { from: 0n, restored: false });
  assert.is(await projection.caughtUp(), 2n);
  assert.is(await checkpoints.load('providers'), 2n);
  assert.is(resolve(models.index, 'api'), 'p-dev');
  const linked = await link('p-dev', 'app1', 'web');
  await projection.waitFor(linked.position!);
  assert.is(resolve(models.index, 'web'), 'p-dev');
  assert.is(models.catalog.usages('acme', 'p-dev').services.length, 2);
  assert.is(models.audit.query().length, 3);
  await projection.stop();
  await projection.done();
  assert.is(await checkpoints.load('providers'), 3n);
  assert.is((await checkpoints.loadSnapshot('providers'))?.position, 3n);
});

live('a restart with a persisted checkpoint and snapshot reads only the events after it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-live-'));
  try {
    const { store: memory, addRole, link } = setup();
    const { store, counter } = counting(memory);
    await addRole('p-dev', 'dev', '111111111111');
    await addRole('p-prod', 'prod', '222222222222');
    await link('p-dev', 'app1', 'api');
    await link('p-prod', 'app1', 'api', { stage: 'prod' });
    await link('p-dev', 'app1', 'web');
    const first = new LiveProjection({ store, models: readModelList(createReadModels()), name: 'providers', checkpoints: new FileCheckpointStore(dir), snapshots: new FileCheckpointStore(dir) });
    await first.start();
    await first.caughtUp();
    await first.stop();
    assert.is(counter.events, 5);

    await link('p-prod', 'app1', 'web', { stage: 'prod' });
    await link('p-prod', 'app1', 'db');
    await addRole('p-ops', 'ops', '333333333333');
    counter.events = 0;
    // A new process: new stores on the same directory, fresh models.
    const files = new FileCheckpointStore(dir);
    const models = createReadModels();
    const second = new LiveProjection({ store, models: readModelList(models), name: 'providers', checkpoints: files, snapshots: files });
    assert.equal(await second.start(), { from: 5n, restored: true });
    assert.is(await second.caughtUp(), 8n);
    await second.stop();
    assert.is(counter.events, 3, 'only the three new events were read');
    assert.is(second.read, 3);
    assert.is(resolve(models.index, 'api'), 'p-prod', 'restored from the snapshot');
    assert.is(resolve(models.index, 'web'), 'p-prod', 'folded after the restart');
    assert.is(models.catalog.get('acme', 'ops')?.accountId, '333333333333');
    assert.is(models.audit.query().length, 8);
    const replayed = await rebuildReadModels(memory, { checkpoints: new MemoryCheckpointStore() });
    assert.equal(readModelList(models).map((m) => m.snapshot()), readModelList(replayed).map((m) => m.snapshot()), 'the same as a full replay');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

live('without a snapshot store, durable models resume after the saved checkpoint', async () => {
  const { store: memory, addRole } = setup();
  const { store, counter } = counting(memory);
  await addRole('p-1', 'one', '111111111111');
  await addRole('p-2', 'two', '222222222222');
  const checkpoints = new MemoryCheckpointStore();
  await checkpoints.save('durable', 1n);
  const seen: bigint[] = [];
  const model: ReadModel = { apply: (e: ProjectedEvent) => void seen.push(e.position) };
  const projection = new LiveProjection({ store, models: [model], name: 'durable', checkpoints });
  assert.equal(await projection.start(), { from: 1n, restored: false });
  await projection.caughtUp();
  await projection.stop();
  assert.equal(seen, [2n]);
  assert.is(counter.events, 1);
  assert.is(await checkpoints.load('durable'), 2n);
});

live('checkpoints are throttled by events, and a quiet projection saves once the interval is up', async () => {
  const { store, addRole } = setup();
  const saved: bigint[] = [];
  let onSave: (() => void) | undefined;
  const checkpoints = new MemoryCheckpointStore();
  /** A resolution index followed live, its checkpoints saved as often as `checkpointEvery` says, each save reported. */
  const throttled = (name: string, checkpointEvery: CheckpointThrottle, onCheckpoint: (position: bigint) => void) =>
    new LiveProjection({ store, models: [new ResolutionIndex()], name, checkpoints, checkpointEvery, onCheckpoint });
  const byEvents = throttled('by-events', { events: 2, ms: 3_600_000 }, (p) => saved.push(p));
  await byEvents.start();
  await byEvents.caughtUp();
  for (let i = 1; i <= 4; i++) await byEvents.waitFor((await addRole(`p-${i}`, `n-${i}`, '111111111111')).position!);
  await byEvents.stop();
  // Each append arrives as its own page: a save at catch-up (position 0, nothing read yet), then every second event, then none left at stop.
  assert.equal(saved, [0n, 2n, 4n]);

  const quietSaves: bigint[] = [];
  const quiet = throttled('quiet', { events: 1000, ms: 25 }, (p) => {
    quietSaves.push(p);
    onSave?.();
  });
  await quiet.start();
  await quiet.caughtUp();
  const savedAfterLive = new Promise<void>((resolve) => (onSave = resolve));
  await addRole('p-5', 'n-5', '111111111111');
  // The projection's timer does not hold a process open on its own; this test must stay up until it fires.
  const keepAlive = setInterval(() => {}, 1000);
  await savedAfterLive;
  clearInterval(keepAlive);
  assert.equal(quietSaves, [4n, 5n]);
  await quiet.stop();
  assert.is(await checkpoints.load('quiet'), 5n);
});

live('asking for snapshots of a model that cannot take one is refused; stopping before the start ends everything', async () => {
  const store = new MemoryEventStore();
  const checkpoints = new MemoryCheckpointStore();
  assert.throws(
    () => new LiveProjection({ store, models: [{ apply: () => {} }], name: 'x', checkpoints, snapshots: checkpoints }),
    (e: Error) => e.name === 'ModelNotSnapshottable',
  );
  const projection = new LiveProjection({ store, models: [], name: 'x', checkpoints });
  await projection.stop();
  await projection.done();
  await projection.caughtUp().then(
    () => assert.unreachable('it never caught up'),
    (e: Error) => assert.is(e.name, 'LiveProjectionStopped'),
  );
});

live('loadReadModels: a one-shot process restores, reads what is new, and saves; a damaged snapshot means a full replay, reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-load-'));
  try {
    const { store, addRole, link } = setup();
    await addRole('p-dev', 'dev', '111111111111');
    await link('p-dev', 'app1', 'api', { stage: 'prod' });
    const files = new FileCheckpointStore(dir);
    const rebuilt = await rebuildReadModels(store, { checkpoints: files });
    assert.is(rebuilt.folded, 2);
    const again = await loadReadModels(store, { checkpoints: files });
    assert.equal([again.restored, again.read, again.position], [true, 0, 2n]);
    await link('p-dev', 'app1', 'web', { stage: 'prod' });
    const later = await loadReadModels(store, { checkpoints: new FileCheckpointStore(dir) });
    assert.equal([later.restored, later.read, later.position], [true, 1, 3n]);
    assert.is(resolve(later.index, 'web'), 'p-dev');

    const snapshotFile = join(dir, 'providers.snapshot.json');
    // The index's own format and version, with its orgs damaged.
    const { version } = JSON.parse(readFileSync(snapshotFile, 'utf8')).models['resolution-index'];
    writeFileSync(snapshotFile, JSON.stringify({ position: '3', models: { 'resolution-index': { format: 'resolution-index', version, position: '3', orgs: 'garbage' } } }));
    const recovered = await loadReadModels(store, { checkpoints: files });
    assert.is(recovered.discardedSnapshot?.name, 'SnapshotUnreadable');
    assert.match(recovered.discardedSnapshot!.message, /\$\.orgs/);
    assert.equal([recovered.restored, recovered.read], [false, 3]);
    assert.is(resolve(recovered.index, 'api'), 'p-dev');
    const healed = await loadReadModels(store, { checkpoints: files });
    assert.equal([healed.restored, healed.read, healed.discardedSnapshot], [true, 0, undefined]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

live('FileCheckpointStore refuses a name that would leave its directory, and a damaged checkpoint file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-files-'));
  try {
    const files = new FileCheckpointStore(dir);
    await files.save('ok', 7n);
    assert.is(await files.load('ok'), 7n);
    assert.is(await files.load('never-saved'), undefined);
    await files.save('../escape', 1n).then(
      () => assert.unreachable('refused'),
      (e: Error) => assert.is(e.name, 'InvalidProjectionName'),
    );
    writeFileSync(join(dir, 'bad.checkpoint'), 'twelve');
    await files.load('bad').then(
      () => assert.unreachable('refused'),
      (e: Error) => assert.match(e.message, /bad\.checkpoint/),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

live.run();
