// Lazy migration: an org is migrated the first time it is asked for, once per process, concurrent callers sharing the run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LazyMigrationFailed, migrateOnFirstUse, type MigrationReport } from '../src/index.js';
import { eventsOf, importOrThrow, indexOf, seedExport, setup, system } from './fixtures.js';

/** The migration's clock: one time, so that every event it records carries it. */
const startedAt = new Date().toISOString();
const options = (reports: MigrationReport[]) => ({
  actor: system,
  clock: () => startedAt,
  externalIdFor: () => 'acme-migrated-roles',
  onMigrated: (report: MigrationReport) => reports.push(report),
});

const lazy = suite('migrateOnFirstUse');

lazy('the first call migrates; concurrent and later calls share that run', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  const reports: MigrationReport[] = [];
  const ensureMigrated = migrateOnFirstUse(handler, options(reports));
  await Promise.all([ensureMigrated('acme'), ensureMigrated('acme'), ensureMigrated('acme')]);
  await ensureMigrated('acme');
  assert.is(reports.length, 1);
  assert.is(reports[0]!.eventsAppended, 7);
  const r = (await indexOf(store)).resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' });
  assert.is(r.provider?.accountId, '222222222222');
  const migration = (await eventsOf(store)).filter((e) => (e.metadata as { actor: { role: string } }).actor.role === 'system' && !String((e.metadata as { commandId: string }).commandId).startsWith('import:'));
  assert.is(migration.length, 7);
  assert.ok(migration.every((e) => (e.metadata as { occurredAt: string }).occurredAt === startedAt));
});

lazy('each org is migrated on its own; an org without profiles costs no event', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  const reports: MigrationReport[] = [];
  const ensureMigrated = migrateOnFirstUse(handler, options(reports));
  const head = await store.headPosition();
  await ensureMigrated('globex');
  assert.is(await store.headPosition(), head);
  await ensureMigrated('acme');
  assert.equal(reports.map((r) => [r.orgId, r.eventsAppended]), [['globex', 0], ['acme', 7]]);
});

lazy('a rejected run fails its callers with a typed error and is tried again on the next call', async () => {
  const { handler } = setup();
  await importOrThrow(handler, seedExport());
  const reports: MigrationReport[] = [];
  let externalId = 'x';
  const ensureMigrated = migrateOnFirstUse(handler, { ...options(reports), externalIdFor: () => externalId });
  const failures = await Promise.allSettled([ensureMigrated('acme'), ensureMigrated('acme')]);
  for (const failure of failures) {
    assert.is(failure.status, 'rejected');
    if (failure.status === 'rejected') {
      assert.instance(failure.reason, LazyMigrationFailed);
      assert.is((failure.reason as LazyMigrationFailed).rejection.field, 'credentials.externalId');
    }
  }
  externalId = 'acme-migrated-roles';
  await ensureMigrated('acme');
  assert.is(reports.length, 1);
  assert.is((await handler.state('acme')).providers.size, 2);
});

lazy.run();
