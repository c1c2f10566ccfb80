// Migration around account pins: a migrated link is not made where an existing pin excludes its
// provider's account for a scope that would resolve through it. The plan says so (the link, the
// pin, the scope, the account), the run skips it and carries on, the dry run and the run agree, and
// running again converges with nothing left to do.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, migrationText } from '../src/index.js';
import { MemoryEventStore } from '@providers/store';
import { eventsOf, importOrThrow, migrateOptions, migrateOrThrow, resolutions, seedExport, setup, withAppendHook } from './fixtures.js';

const DEV = '111111111111';
const PROD = '222222222222';
const pins = suite('migration around account pins');
const prodStage = { kind: 'stage', app: 'app1', service: 'service1', stage: 'prod' } as const;
const requests = [
  { app: 'app1', service: 'service1', stage: 'dev', region: 'us-east-1' },
  { app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' },
];

/** The seed imported, and a pin set by an admin before the migration runs. */
const givenPinned = async (scope: Record<string, unknown>, ...accountIds: string[]) => {
  const context = setup();
  await importOrThrow(context.handler, seedExport());
  await context.run({ type: 'PinAccount', scope, accountIds, reason: 'deploys there' });
  return context;
};

pins('prod pinned to its own account: every link is made, the stage link before the service link a pinned stage must not inherit', async () => {
  const { store, handler } = await givenPinned(prodStage, PROD);
  const report = await migrateOrThrow(handler);
  assert.equal(report.linksSkipped, []);
  assert.equal(report.links.map((l) => l.scope).sort(), ['service', 'stage']);
  assert.equal(await resolutions(store, requests), [`app1/service1/dev/us-east-1 => service:${DEV}`, `app1/service1/prod/us-east-1 => stage:${PROD}`]);
});

pins('prod pinned to the dev account: the stage link to prod’s provider is skipped, saying the pin, the scope and the account; the rest is migrated', async () => {
  const { store, handler } = await givenPinned(prodStage, DEV);
  const before = (await eventsOf(store)).length;
  const report = await migrateOrThrow(handler);
  assert.equal(
    report.linksSkipped.map(({ scope, app, service, stage, providerId, deployment, pin, accountId }) => ({ scope, app, service, stage, providerId, deployment, pin, accountId })),
    [{ scope: 'stage', app: 'app1', service: 'service1', stage: 'prod', providerId: 'dp-p-prod', deployment: prodStage, pin: { scope: prodStage, accountIds: [DEV] }, accountId: PROD }],
  );
  for (const part of ['app1/service1/prod', PROD, DEV]) assert.match(report.linksSkipped[0]!.reason, part);
  assert.equal(report.links.map((l) => [l.scope, l.providerId]), [['service', 'dp-p-dev']]);
  assert.is(report.providersCreated.length, 2, 'both providers are created all the same');
  const types = (await eventsOf(store)).slice(before).map((e) => e.type);
  assert.not.ok(types.includes('ProviderLinkedToInstance'), 'no stage link was made');
  assert.is(types.filter((t) => t === 'DeploymentProfileMigrated').length, 3, 'every profile is marked: the run carried on');
  // prod inherits the service link to dev, which its pin allows.
  assert.equal(await resolutions(store, requests), [`app1/service1/dev/us-east-1 => service:${DEV}`, `app1/service1/prod/us-east-1 => service:${DEV}`]);
});

pins('a service link a pinned stage would inherit in another account is skipped; the stage link is made', async () => {
  const service = { kind: 'service', app: 'app1', service: 'service1' } as const;
  const { store, handler } = await givenPinned(service, PROD);
  const report = await migrateOrThrow(handler);
  assert.equal(report.linksSkipped.map((l) => [l.scope, l.providerId, l.accountId, l.pin.scope]), [['service', 'dp-p-dev', DEV, service]]);
  assert.equal(report.links.map((l) => [l.scope, l.providerId]), [['stage', 'dp-p-prod']]);
  assert.equal(await resolutions(store, requests), ['app1/service1/dev/us-east-1 => none:none', `app1/service1/prod/us-east-1 => stage:${PROD}`]);
});

pins('the dry run and the run agree, and a second run has nothing to do and still says what it skipped', async () => {
  const planned = await givenPinned(prodStage, DEV);
  const before = (await eventsOf(planned.store)).length;
  const dry = await migrate(planned.handler, 'acme', migrateOptions({ dryRun: true }));
  assert.ok(E.isRight(dry));
  assert.is((await eventsOf(planned.store)).length, before, 'the dry run appends nothing');
  const ran = await migrateOrThrow(planned.handler);
  const { eventsAppended: _dry, commandsPending: pendingBefore, ...plan } = dry.right;
  const { eventsAppended, commandsPending: _ran, ...done } = ran;
  assert.equal(done, plan);
  assert.is(eventsAppended, pendingBefore, 'one event per pending command, the skipped link not counted');
  const again = await migrateOrThrow(planned.handler);
  assert.equal([again.commandsPending, again.eventsAppended, again.linksSkipped.length], [0, 0, 1]);
  assert.match(migrationText(again).join('\n'), 'nothing to do');
  assert.match(migrationText(again).join('\n'), '1 link not made for an account pin');
});

pins('the plan lists the skipped link with its reason; the text names the pin', async () => {
  const { handler } = await givenPinned(prodStage, DEV);
  const dry = await migrate(handler, 'acme', migrateOptions({ dryRun: true }));
  assert.ok(E.isRight(dry));
  const text = migrationText(dry.right, { dryRun: true }).join('\n');
  assert.match(text, '1 link skipped for an account pin');
  assert.match(text, `skip the stage link app1/service1/prod → provider "prod": `);
  assert.match(text, `pinned to ${DEV}`);
});

pins('a pin set while the migration runs: the link it then excludes is skipped, and the run carries on', async () => {
  const inner = new MemoryEventStore();
  await importOrThrow(setup(inner).handler, seedExport());
  const admin = setup(inner);
  // Ahead of the third append (both providers are added; the stage link is next), an admin pins prod to dev's account.
  const hooked = withAppendHook(inner, async (n) => {
    if (n === 3) await admin.run({ type: 'PinAccount', scope: prodStage, accountIds: [DEV], reason: 'set while migrating' });
  });
  const report = await migrateOrThrow(setup(hooked).handler);
  assert.equal(report.linksSkipped.map((l) => [l.scope, l.providerId, l.accountId]), [['stage', 'dp-p-prod', PROD]]);
  assert.equal(report.links.map((l) => l.scope), ['service']);
  const again = await migrateOrThrow(setup(inner).handler);
  assert.equal([again.commandsPending, again.linksSkipped.length], [0, 1]);
});

pins.run();
