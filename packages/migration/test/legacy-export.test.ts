// The export file: every rule breach is refused with the path in the file, and nothing is appended.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeLegacyExport, importLegacyExport, migrateFromExport, parseLegacyExport } from '../src/index.js';
import { eventsOf, importOrThrow, issuedAt, migrateOptions, migrateOrThrow, roleArn, seedExport, setup, system } from './fixtures.js';

type Mutable = ReturnType<typeof seedExport> & Record<string, unknown>;
const withTwoServices = (): Mutable => {
  const legacy = seedExport() as Mutable;
  legacy.apps[0]!.services.push({ name: 'service2', instances: [{ stage: 'dev', region: 'us-east-1' }, { stage: 'dev' } as never, { stage: 'prod', region: 'us-east-1' }] });
  return legacy;
};

const refusals: [string, (legacy: Mutable) => unknown, string, RegExp][] = [
  ['a bad region', (l) => ((l.apps[0]!.services[1]!.instances[2] as { region: string }).region = 'us-middle-1'), 'apps[0].services[1].instances[2].region', /an AWS region name/],
  ['a bad role ARN', (l) => (l.deploymentProfiles[1]!.awsAccessRoleArn = 'arn:aws:iam::12:role/x'), 'deploymentProfiles[1].awsAccessRoleArn', /a role ARN is/],
  ['a misspelt field', (l) => ((l.deploymentProfiles[0] as Record<string, unknown>).awsAccesRoleArn = roleArn('111111111111')), 'deploymentProfiles[0].awsAccesRoleArn', /is not a field of a deployment profile/],
  ['a stage mapped to an unknown profile', (l) => ((l.apps[0]!.stages as Record<string, string>).prod = 'p-nope'), 'apps[0].stages.prod', /no deployment profile "p-nope"/],
  ['a bad stage name', (l) => ((l.apps[0]!.stages as Record<string, string>)['my stage'] = 'p-dev'), 'apps[0].stages["my stage"]', /is not a stage/],
  ['a missing service name', (l) => delete (l.apps[0]!.services[1] as { name?: string }).name, 'apps[0].services[1].name', /is required/],
  ['a bad app name', (l) => (l.apps[0]!.name = 'app one'), 'apps[0].name', /an app name is/],
  ['apps that are not a list', (l) => (l.apps = {} as never), 'apps', /a list of apps/],
  ['a profile id used twice', (l) => (l.deploymentProfiles[2]!.id = 'p-dev'), 'deploymentProfiles[2].id', /used by deploymentProfiles\[0\]/],
  ['a service listed twice', (l) => (l.apps[0]!.services[1]!.name = 'service1'), 'apps[0].services[1].name', /listed at apps\[0\].services\[0\]/],
  ['a bad org id', (l) => (l.org = ''), 'org', /an organization id/],
  ['an instance without a stage', (l) => delete (l.apps[0]!.services[0]!.instances[1] as { stage?: string }).stage, 'apps[0].services[0].instances[1].stage', /is required/],
];

const file = suite('legacy export file');

for (const [what, breakIt, path, rule] of refusals)
  file(`${what} is refused at ${path}, and nothing is appended`, async () => {
    const legacy = withTwoServices();
    breakIt(legacy);
    const decoded = decodeLegacyExport(legacy);
    assert.ok(E.isLeft(decoded));
    if (E.isLeft(decoded)) {
      assert.is(decoded.left.field, path);
      assert.match(decoded.left.rule, rule);
      assert.is(decoded.left.message, `${path}: ${decoded.left.rule}`);
    }
    const { store, handler } = setup();
    await importOrThrow(handler, { org: 'acme', deploymentProfiles: [{ id: 'p-x', name: 'x' }] });
    const head = await store.headPosition();
    const imported = await importLegacyExport(handler, legacy, { actor: system, issuedAt });
    assert.ok(E.isLeft(imported) && imported.left._tag === 'LegacyExportInvalid' && imported.left.field === path);
    const migrated = await migrateFromExport(handler, legacy, migrateOptions());
    assert.ok(E.isLeft(migrated) && migrated.left.field === path);
    assert.is(await store.headPosition(), head);
  });

file('the valid file decodes; text that is not JSON is refused for the whole file', () => {
  assert.ok(E.isRight(decodeLegacyExport(withTwoServices())));
  assert.ok(E.isRight(parseLegacyExport(JSON.stringify(seedExport()))));
  const broken = parseLegacyExport('{"org": "acme", ');
  assert.ok(E.isLeft(broken) && broken.left.field === '' && /not valid JSON/.test(broken.left.message));
});

file('a file saved with a UTF-8 byte-order mark reads like one without', () => {
  assert.equal(parseLegacyExport(`\uFEFF${JSON.stringify(seedExport())}`), parseLegacyExport(JSON.stringify(seedExport())));
  assert.ok(E.isRight(parseLegacyExport(`\uFEFF${JSON.stringify(seedExport())}`)));
});

file('an export of another org is refused when an org is named', async () => {
  const { store, handler } = setup();
  const imported = await importLegacyExport(handler, seedExport(), { actor: system, issuedAt, orgId: 'globex' });
  assert.ok(E.isLeft(imported) && imported.left.field === 'org');
  assert.is(await store.headPosition(), 0n);
});

file('importing the same file twice appends nothing the second time', async () => {
  const { store, handler } = setup();
  const first = await importOrThrow(handler, seedExport());
  assert.equal(first, { orgId: 'acme', profilesCreated: 3, profilesUpdated: 0, stagesLinked: 2, instancesRecorded: 2, eventsAppended: 7 });
  const head = await store.headPosition();
  const second = await importOrThrow(handler, seedExport());
  assert.is(second.eventsAppended, 0);
  assert.is(await store.headPosition(), head);
});

file('a changed file records only the changes; a mapping changed and changed back is recorded both times', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  const moved = seedExport();
  (moved.apps[0]!.stages as Record<string, string>).prod = 'p-dev';
  moved.deploymentProfiles[2]!.name = 'older';
  assert.equal(await importOrThrow(handler, moved), { orgId: 'acme', profilesCreated: 0, profilesUpdated: 1, stagesLinked: 1, instancesRecorded: 0, eventsAppended: 2 });
  assert.is((await importOrThrow(handler, seedExport())).eventsAppended, 2);
  const state = await handler.state('acme');
  assert.is(state.stageProfiles.get('app1/prod'), 'p-prod');
  assert.is(state.profiles.get('p-old')?.name, 'old');
  assert.is((await eventsOf(store)).length, 11);
});

file('after migration, a file that changes a profile\'s role is refused at that profile, and nothing is appended', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  await migrateOrThrow(handler);
  const head = await store.headPosition();
  const changed = seedExport();
  changed.deploymentProfiles[0]!.awsAccessRoleArn = roleArn('999999999999');
  changed.apps[0]!.services[0]!.instances.push({ stage: 'qa', region: 'us-east-1' });
  const imported = await importLegacyExport(handler, changed, { actor: system, issuedAt });
  assert.ok(E.isLeft(imported));
  if (E.isLeft(imported)) {
    assert.is(imported.left.field, 'deploymentProfiles[0].awsAccessRoleArn');
    assert.match(imported.left.message, /migrated to provider dp-p-dev; change the role on that provider/);
  }
  assert.is(await store.headPosition(), head);
});

file('migrate --from as a dry run appends nothing and reports what the real run does', async () => {
  const { store, handler } = setup();
  const dry = await migrateFromExport(handler, seedExport(), migrateOptions({ dryRun: true }));
  assert.is(await store.headPosition(), 0n);
  const real = await migrateFromExport(handler, seedExport(), migrateOptions());
  assert.ok(E.isRight(dry) && E.isRight(real));
  if (E.isRight(dry) && E.isRight(real)) {
    assert.equal({ ...dry.right.imported, eventsAppended: 7 }, real.right.imported);
    assert.equal({ ...dry.right.migration, eventsAppended: real.right.migration.eventsAppended }, real.right.migration);
    assert.is(real.right.migration.eventsAppended, 7);
  }
});

file.run();
