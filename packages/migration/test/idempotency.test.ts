// Re-running converges: a second run appends nothing, an interrupted run re-run ends where an uninterrupted one does.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import { MemoryEventStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, type MigrationReport } from '../src/index.js';
import { addRoleProvider, crashingAfter, withAppendHook, eventsOf, importOrThrow, migrateOptions, migrateOrThrow, outcomeOf, resolutions, roleArn, seedExport, setup } from './fixtures.js';

/** A legacy org with a bit of everything: shared ARNs, a taken name, a user's link, a profile without a role. */
const richExport = () => {
  const legacy = seedExport();
  legacy.deploymentProfiles.push(
    { id: 'p-shared', name: 'shared', awsAccessRoleArn: roleArn('111111111111') },
    { id: 'p-taken', name: 'billing', awsAccessRoleArn: roleArn('333333333333') },
  );
  legacy.apps.push({
    name: 'app2',
    stages: { default: 'p-taken', staging: 'p-shared', legacy: 'p-old' } as never,
    services: [
      { name: 'api', instances: [{ stage: 'staging', region: 'eu-west-1' }, { stage: 'dev', region: 'us-east-1' }, { stage: 'legacy', region: 'us-east-1' }] },
      { name: 'worker', instances: [{ stage: 'staging' }, { stage: 'prod' }] as never },
    ],
  });
  return legacy;
};

const requests = [
  ...['dev', 'prod', 'int'].flatMap((stage) => ['us-east-1', 'eu-west-1'].map((region) => ({ app: 'app1', service: 'service1', stage, region }))),
  ...['staging', 'dev', 'legacy'].flatMap((stage) => [{ app: 'app2', service: 'api', stage, region: 'us-east-1' }, { app: 'app2', service: 'api', stage }]),
  ...['staging', 'prod'].map((stage) => ({ app: 'app2', service: 'worker', stage })),
];

/** A store with the rich export imported and a user's own provider and link. */
const prepared = async () => {
  const { store, handler, run } = setup();
  await addRoleProvider(run, 'user-billing', 'billing', roleArn('444444444444'));
  await run({ type: 'LinkProviderToService', providerId: 'user-billing', app: 'app2', service: 'worker' });
  await importOrThrow(handler, richExport());
  return { store, handler };
};

const withoutCounts = ({ eventsAppended: _e, commandsPending: _c, ...rest }: MigrationReport) => rest;

const idempotency = suite('idempotency');

idempotency('a second run appends nothing and reports the same migration', async () => {
  const { store, handler } = await prepared();
  const first = await migrateOrThrow(handler);
  assert.ok(first.eventsAppended > 0);
  assert.ok(first.commandsPending > 0);
  const head = await store.headPosition();
  // A new process: nothing cached.
  const second = await migrateOrThrow(new CommandHandler(store));
  assert.is(second.eventsAppended, 0);
  assert.is(second.commandsPending, 0);
  assert.is(await store.headPosition(), head);
  assert.equal(withoutCounts(second), withoutCounts(first));
});

idempotency('a run killed after any number of appends, re-run, ends in the state of an uninterrupted run', async () => {
  const reference = await prepared();
  const referenceReport = await migrateOrThrow(reference.handler);
  const expected = { outcome: await outcomeOf(reference.handler), resolved: await resolutions(reference.store, requests) };
  const appends = referenceReport.eventsAppended;
  assert.ok(appends >= 10, `the scenario should have steps to interrupt (${appends})`);
  for (let n = 0; n < appends; n++) {
    const { store } = await prepared();
    const crashed = await migrate(new CommandHandler(crashingAfter(store, n)), 'acme', migrateOptions()).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    assert.is(crashed, 'simulated crash', `crash after ${n} appends`);
    assert.is((await eventsOf(store)).length > 0, true);
    const restarted = new CommandHandler(store);
    const rerun = await migrateOrThrow(restarted);
    assert.equal(withoutCounts(rerun), withoutCounts(referenceReport), `report after a crash at ${n}`);
    assert.is(rerun.eventsAppended, appends - n, `events appended after a crash at ${n}`);
    assert.equal({ outcome: await outcomeOf(restarted), resolved: await resolutions(store, requests) }, expected, `state after a crash at ${n}`);
    assert.is((await migrateOrThrow(new CommandHandler(store))).eventsAppended, 0);
  }
});

idempotency('a dry run appends nothing and reports what the real run then does', async () => {
  const { store, handler } = await prepared();
  const head = await store.headPosition();
  const dry = await migrate(handler, 'acme', migrateOptions({ dryRun: true }));
  assert.ok(E.isRight(dry));
  assert.is(await store.headPosition(), head);
  const real = await migrateOrThrow(handler);
  if (E.isRight(dry)) {
    assert.is(dry.right.eventsAppended, 0);
    assert.equal(withoutCounts(dry.right), withoutCounts(real));
    assert.is(dry.right.commandsPending, real.commandsPending);
  }
});

idempotency('two migrations of one org at once append it once', async () => {
  const { store } = await prepared();
  const [a, b] = await Promise.all([migrateOrThrow(new CommandHandler(store)), migrateOrThrow(new CommandHandler(store))]);
  const reference = await prepared();
  const expected = await migrateOrThrow(reference.handler);
  assert.is(a.eventsAppended + b.eventsAppended, expected.eventsAppended);
  assert.equal(await outcomeOf(new CommandHandler(store)), await outcomeOf(reference.handler));
});

idempotency('after migrating, new deployments of a new service are linked by the next run; what the user unlinked stays unlinked', async () => {
  const { store, handler, run } = setup(new MemoryEventStore());
  await importOrThrow(handler, seedExport());
  await migrateOrThrow(handler);
  await run({ type: 'UnlinkProviderFromInstance', app: 'app1', service: 'service1', stage: 'prod', providerType: 'aws' });
  const more = seedExport();
  more.apps[0]!.services.push({ name: 'service2', instances: [{ stage: 'prod', region: 'eu-west-1' }] });
  await importOrThrow(handler, more);
  const next = await migrateOrThrow(handler);
  assert.is(next.eventsAppended, 2);
  const resolved = await resolutions(store, [
    { app: 'app1', service: 'service2', stage: 'prod', region: 'eu-west-1' },
    { app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' },
  ]);
  assert.equal(resolved, ['app1/service2/prod/eu-west-1 => stage:222222222222', 'app1/service1/prod/us-east-1 => service:111111111111']);
});

idempotency('a scope someone links while the migration runs is kept, and reported as kept', async () => {
  const { store, run } = setup();
  await addRoleProvider(run, 'theirs', 'theirs', roleArn('999999999999'));
  const { handler: importer } = setup(store);
  await importOrThrow(importer, seedExport());
  // Another process links service1 just before the migration's second append (its service link).
  const racing = withAppendHook(store, async (n) => {
    if (n === 2) await run({ type: 'LinkProviderToService', providerId: 'theirs', app: 'app1', service: 'service1' });
  });
  const report = await migrateOrThrow(new CommandHandler(racing));
  assert.equal(report.linksKept.map(({ scope, linkedProviderId }) => [scope, linkedProviderId]), [['service', 'theirs']]);
  assert.equal(report.links.map((l) => l.scope), ['stage']);
  const resolved = await resolutions(store, [{ app: 'app1', service: 'service1', stage: 'dev', region: 'us-east-1' }]);
  assert.equal(resolved, ['app1/service1/dev/us-east-1 => service:999999999999']);
  assert.is((await migrateOrThrow(new CommandHandler(store))).eventsAppended, 0);
});

idempotency.run();
