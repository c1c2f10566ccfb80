// Properties of the read models over random valid histories of several orgs:
// incremental folding equals a full replay, as-of equals a fresh fold of a prefix, every fact has an actor.
import fc from 'fast-check';
import type { RecordedEvent } from '@providers/store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LiveProjection, buildAsOf, createReadModels, project, readModelList, toProjectedEvent, type ReadModels } from '../src/index.js';
import { ORGS, history, requests, runHistory } from './random-history.js';

const snapshots = (models: ReadModels) => readModelList(models).map((m) => m.snapshot());

const foldOf = (events: readonly RecordedEvent[]): ReadModels => {
  const models = createReadModels();
  for (const recorded of events) {
    const event = toProjectedEvent(recorded);
    for (const model of readModelList(models)) model.apply(event);
  }
  return models;
};

/** Everything a caller can ask the read models, so that two sets of models that answer alike are alike. */
const answers = (models: ReadModels) => ({
  resolutions: requests.map((request) => models.index.resolve(request)),
  catalog: ORGS.map((orgId) =>
    models.catalog.list(orgId, { includeRemoved: true }).map((provider) => ({ provider, usages: models.catalog.usages(orgId, provider.id) })),
  ),
  audit: models.audit.query(),
});

const restoredFrom = (models: ReadModels): ReadModels => {
  const fresh = createReadModels();
  const saved = JSON.parse(JSON.stringify(snapshots(models))) as ReturnType<typeof snapshots>;
  readModelList(fresh).forEach((model, i) => model.restore(saved[i]!));
  return fresh;
};

test('folding incrementally, in any batch split, live or through snapshots, equals a full replay', async () => {
  await fc.assert(
    fc.asyncProperty(history, fc.array(fc.nat(), { maxLength: 5 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), async (steps, cuts, roundTrips) => {
      const { store, recorded, head, liveModels, checkpoints } = await runHistory(steps);
      const full = createReadModels();
      await project(store, readModelList(full));
      const expected = snapshots(full);
      assert.equal(snapshots(foldOf(recorded)), expected);

      const splits = [...new Set([...cuts.map((cut) => BigInt(cut % (recorded.length + 1))), head])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      let models = createReadModels();
      let after = 0n;
      for (const [i, upTo] of splits.entries()) {
        await project(store, readModelList(models), { after, upTo });
        if (roundTrips[i]) models = restoredFrom(models);
        after = upTo;
      }
      assert.equal(snapshots(models), expected, 'batches');
      assert.equal(answers(models), answers(full), 'batches answer alike');

      assert.equal(snapshots(liveModels), expected, 'live');
      assert.equal(answers(liveModels), answers(full), 'live answers alike');
      const resumed = createReadModels();
      const again = new LiveProjection({ store, models: readModelList(resumed), name: 'live', checkpoints, snapshots: checkpoints });
      assert.equal(await again.start(), { from: head, restored: true });
      await again.caughtUp();
      await again.stop();
      assert.is(again.read, 0);
      assert.equal(snapshots(resumed), expected, 'restored from the live snapshot');
    }),
    { numRuns: 100 },
  );
});

test('as of position p equals a fresh fold of the first p events (per org too), and as of a time T of the events up to T', async () => {
  await fc.assert(
    fc.asyncProperty(history, fc.nat(), fc.nat(ORGS.length - 1), async (steps, cut, org) => {
      const { store, recorded } = await runHistory(steps);
      const p = BigInt(cut % (recorded.length + 1));
      const prefix = recorded.filter((r) => r.position <= p);
      assert.equal(snapshots(await buildAsOf(store, { position: p })), snapshots(foldOf(prefix)), 'as of a position');
      const orgId = ORGS[org]!;
      assert.equal(
        snapshots(await buildAsOf(store, { orgId, position: p })),
        snapshots(foldOf(prefix.filter((r) => r.stream === `providers-org-${orgId}`))),
        'as of a position, one org',
      );
      const at = recorded.length === 0 ? '2026-03-01T00:00:00.000Z' : (recorded[cut % recorded.length]!.metadata as { occurredAt: string }).occurredAt;
      const upToTime = recorded.filter((r) => Date.parse((r.metadata as { occurredAt: string }).occurredAt) <= Date.parse(at));
      assert.equal(snapshots(await buildAsOf(store, { time: at })), snapshots(foldOf(upToTime)), 'as of a time');
    }),
    { numRuns: 100 },
  );
});

test('every event of the provider model is one audit fact with an actor, and no read model shows a secret', async () => {
  await fc.assert(
    fc.asyncProperty(history, async (steps) => {
      const { store, recorded, secrets } = await runHistory(steps);
      const models = createReadModels();
      await project(store, readModelList(models));
      const facts = models.audit.query();
      assert.is(facts.length, recorded.length);
      for (const fact of facts) {
        assert.type(fact.actor?.id, 'string');
        assert.ok(fact.actor.id.length > 0, `fact at ${fact.position} has no actor`);
        assert.ok(['owner', 'admin', 'member', 'system'].includes(fact.actor.role), `fact at ${fact.position} has no role`);
      }
      const shown = JSON.stringify([facts, models.audit.snapshot(), models.catalog.snapshot(), ORGS.map((o) => models.catalog.list(o, { includeRemoved: true }))]);
      for (const secret of secrets) assert.not.ok(shown.includes(secret), 'a secret reached a read model’s output');
    }),
    { numRuns: 100 },
  );
});

test.run();
