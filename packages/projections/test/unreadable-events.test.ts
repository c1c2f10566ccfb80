// A corrupted row and an unknown event type are reported with their positions: never skipped silently.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LiveProjection, MemoryCheckpointStore, UnreadableEventError, createReadModels, project, readModelList } from '../src/index.js';
import { member, setup } from './support.js';

const metadata = (eventId: string) => ({ schemaVersion: 1, eventId, commandId: `raw-${eventId}`, actor: member, occurredAt: '2026-03-02T00:00:00.000Z' });

/**
 * acme: a provider (1), a link (2), a corrupted ProviderLinkedToService without its service (3), an
 * unknown type (4); then beta adds a provider (5) — in another org, since acme's stream no longer reads.
 */
const brokenLog = async () => {
  const s = setup();
  await s.addRole('p-dev', 'dev', '111111111111');
  await s.link('p-dev', 'app1', 'api');
  const corruptedId = '00000000-0000-4000-8000-000000000003';
  const unknownId = '00000000-0000-4000-8000-000000000004';
  await s.store.append('providers-org-acme', [{ eventId: corruptedId, type: 'ProviderLinkedToService', data: { providerId: 'p-dev', app: 'app1' }, metadata: metadata(corruptedId) }], 'any');
  await s.store.append('providers-org-acme', [{ eventId: unknownId, type: 'ProviderTeleported', data: {}, metadata: metadata(unknownId) }], 'any');
  await s.addRole('p-b', 'b', '222222222222', 'beta');
  return s;
};

const expectUnreadable = (error: unknown, position: bigint, tag: string) => {
  assert.instance(error, UnreadableEventError);
  const e = error as UnreadableEventError;
  assert.equal([e._tag, e.position, e.stream, e.reason._tag], ['UnreadableEventError', position, 'providers-org-acme', tag]);
  assert.match(e.message, new RegExp(`position ${position}\\b`));
};

const unreadable = suite('unreadable events');

unreadable('project stops at the corrupted row, naming its position and the field', async () => {
  const { store } = await brokenLog();
  const models = createReadModels();
  const error = await project(store, readModelList(models)).catch((e: unknown) => e);
  expectUnreadable(error, 3n, 'InvalidEvent');
  assert.match((error as Error).message, /service/);
  assert.is(models.audit.query().length, 2, 'the events before it were folded');
});

unreadable('project stops at an unknown event type with its position', async () => {
  const { store } = await brokenLog();
  expectUnreadable(await project(store, [], { after: 3n }).catch((e: unknown) => e), 4n, 'UnknownEventType');
});

unreadable('project with skipInvalid reports both, in order, and folds the rest', async () => {
  const { store } = await brokenLog();
  const models = createReadModels();
  const result = await project(store, readModelList(models), { skipInvalid: true });
  assert.equal(result.skipped.map((e) => [e.position, e.reason._tag]), [[3n, 'InvalidEvent'], [4n, 'UnknownEventType']]);
  assert.is(result.folded, 3);
  assert.is(models.index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' }).provider?.id, 'p-dev');
  assert.is(models.catalog.get('beta', 'b')?.accountId, '222222222222');
});

unreadable('a live projection stops on it with the typed error; its checkpoint stays before it', async () => {
  const { store } = await brokenLog();
  const checkpoints = new MemoryCheckpointStore();
  const live = new LiveProjection({ store, models: readModelList(createReadModels()), name: 'providers', checkpoints, snapshots: checkpoints });
  await live.start();
  expectUnreadable(await live.caughtUp().catch((e: unknown) => e), 3n, 'InvalidEvent');
  expectUnreadable(await live.done().catch((e: unknown) => e), 3n, 'InvalidEvent');
  assert.is(await checkpoints.load('providers'), 2n);
  assert.is((await checkpoints.loadSnapshot('providers'))?.position, 2n);
});

unreadable('a live projection that meets one after catching up stops with it, and waiters learn why', async () => {
  const { store, addRole } = setup();
  await addRole('p-dev', 'dev', '111111111111');
  const live = new LiveProjection({ store, models: readModelList(createReadModels()), name: 'providers', checkpoints: new MemoryCheckpointStore() });
  await live.start();
  await live.caughtUp();
  const waiting = live.waitFor(10n).catch((e: unknown) => e);
  const id = '00000000-0000-4000-8000-00000000000a';
  await store.append('providers-org-acme', [{ eventId: id, type: 'ProviderTeleported', data: {}, metadata: metadata(id) }], 'any');
  expectUnreadable(await live.done().catch((e: unknown) => e), 2n, 'UnknownEventType');
  expectUnreadable(await waiting, 2n, 'UnknownEventType');
});

unreadable('a live projection with skipInvalid reports each with its position and goes on', async () => {
  const { store, addRole } = await brokenLog();
  const reported: bigint[] = [];
  const models = createReadModels();
  const live = new LiveProjection({
    store,
    models: readModelList(models),
    name: 'providers',
    checkpoints: new MemoryCheckpointStore(),
    skipInvalid: true,
    onSkipped: (e) => reported.push(e.position),
  });
  await live.start();
  assert.is(await live.caughtUp(), 5n);
  await live.waitFor((await addRole('p-b2', 'b2', '333333333333', 'beta')).position!);
  await live.stop();
  await live.done();
  assert.equal(reported, [3n, 4n]);
  assert.equal(live.skipped.map((e) => e.position), [3n, 4n]);
  assert.equal([live.read, live.folded], [6, 4]);
  assert.equal(models.catalog.list('beta').map((p) => p.id), ['p-b', 'p-b2']);
});

unreadable.run();
