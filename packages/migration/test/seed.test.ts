// The seed's example (DESIGN.md section 9): profiles dev and prod become providers linked as the stages were mapped.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, type Progress } from '../src/index.js';
import { eventsOf, importOrThrow, indexOf, migrateOptions, migrateOrThrow, seedExport, setup, system } from './fixtures.js';

const seed = suite('the seed example');

seed('dev is linked to service1, prod to service1 stage prod; p-old is skipped and reported', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  const report = await migrateOrThrow(handler);

  assert.equal(
    report.providersCreated.map(({ profileId, providerId, name, accountId }) => ({ profileId, providerId, name, accountId })),
    [
      { profileId: 'p-dev', providerId: 'dp-p-dev', name: 'dev', accountId: '111111111111' },
      { profileId: 'p-prod', providerId: 'dp-p-prod', name: 'prod', accountId: '222222222222' },
    ],
  );
  assert.equal(report.links, [
    {
      scope: 'service',
      app: 'app1',
      service: 'service1',
      providerId: 'dp-p-dev',
      profileId: 'p-dev',
      from: 'default',
      reason: 'app1\'s default stage maps to profile "dev" (p-dev): every stage without a mapping of its own deployed with its role',
    },
    {
      scope: 'stage',
      app: 'app1',
      service: 'service1',
      stage: 'prod',
      providerId: 'dp-p-prod',
      profileId: 'p-prod',
      from: 'stage',
      reason: 'stage prod of app1 maps to profile "prod" (p-prod)',
    },
  ]);
  assert.equal(report.skipped.map((s) => s.profileId), ['p-old']);
  assert.match(report.skipped[0]!.reason, /no AWS access role ARN/);
  assert.equal([report.providersReused, report.renamed, report.linksKept, report.withoutServiceLink], [[], [], [], []]);

  const index = await indexOf(store);
  const dev = index.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'dev', region: 'us-east-1' });
  assert.equal([dev.source, dev.provider?.name, dev.provider?.accountId], ['service', 'dev', '111111111111']);
  const prod = index.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' });
  assert.equal([prod.source, prod.provider?.name, prod.provider?.accountId], ['stage', 'prod', '222222222222']);
  // Stage-wide: prod deployed later in another region still uses prod's account.
  const prodEu = index.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'eu-west-1' });
  assert.equal([prodEu.source, prodEu.provider?.accountId], ['stage', '222222222222']);
});

seed('the events: providers, links, then one marker per profile, by a system actor; p-old marked with no provider and a reason', async () => {
  const { store, handler } = setup();
  await importOrThrow(handler, seedExport());
  const before = (await eventsOf(store)).length;
  const progress: Progress[] = [];
  const report = await migrateOrThrow(handler, 'acme', { onProgress: (p) => progress.push(p) });
  assert.equal(progress.at(-1), { phase: 'migrate', done: 7, total: 7 });
  assert.is(progress.length, 7);
  const events = (await eventsOf(store)).slice(before);
  assert.is(report.eventsAppended, events.length);
  assert.equal(
    events.map((e) => e.type),
    // Providers first, then stage links before service links (a pinned stage never inherits a wider link), then the markers.
    ['ProviderAdded', 'ProviderAdded', 'ProviderLinkedToInstance', 'ProviderLinkedToService', 'DeploymentProfileMigrated', 'DeploymentProfileMigrated', 'DeploymentProfileMigrated'],
  );
  const markers = events.filter((e) => e.type === 'DeploymentProfileMigrated').map((e) => e.data as Record<string, unknown>);
  assert.equal(markers.map((m) => [m.profileId, m.providerId]), [['p-dev', 'dp-p-dev'], ['p-old', null], ['p-prod', 'dp-p-prod']]);
  assert.match(String(markers[1]!.reason), /no AWS access role ARN/);
  for (const e of events) assert.equal((e.metadata as { actor: unknown }).actor, system);
  const added = events.find((e) => e.type === 'ProviderAdded')!.data as { credentials: Record<string, unknown> };
  assert.equal(added.credentials, {
    kind: 'aws-role',
    roleArn: 'arn:aws:iam::111111111111:role/deploy',
    externalId: 'acme-migrated-roles',
    sessionDurationSeconds: 3600,
  });
});

seed('an app whose default maps to a profile without a role gets no service link: the deployer keeps using its own credentials', async () => {
  const { store, handler } = setup();
  const legacy = seedExport();
  legacy.apps.push({ name: 'app2', stages: { default: 'p-old', prod: 'p-prod' } as never, services: [{ name: 'api', instances: [{ stage: 'dev', region: 'us-east-1' }] }] });
  await importOrThrow(handler, legacy);
  const report = await migrateOrThrow(handler);
  assert.equal(report.withoutServiceLink.map(({ app, service, profileId }) => [app, service, profileId]), [['app2', 'api', 'p-old']]);
  assert.match(report.withoutServiceLink[0]!.reason, /which becomes no provider/);
  const index = await indexOf(store);
  for (const stage of ['dev', 'int']) assert.is(index.resolve({ orgId: 'acme', app: 'app2', service: 'api', stage, region: 'us-east-1' }).source, 'none');
  assert.is(index.resolve({ orgId: 'acme', app: 'app2', service: 'api', stage: 'prod' }).provider?.accountId, '222222222222', 'the stages with roles get theirs');
});

seed('with a stage mapped to a profile without a role, the seed keeps every answer: the service link, and local credentials for that stage', async () => {
  const { store, handler } = setup();
  const legacy = seedExport();
  (legacy.apps[0]!.stages as Record<string, string>).qa = 'p-old';
  await importOrThrow(handler, legacy);
  const report = await migrateOrThrow(handler);
  assert.equal(report.links.map(({ scope, stage, providerId }) => [scope, stage ?? null, providerId]), [
    ['service', null, 'dp-p-dev'],
    ['stage', 'qa', null],
    ['stage', 'prod', 'dp-p-prod'],
  ]);
  const index = await indexOf(store);
  const answer = (stage: string) => {
    const r = index.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage, region: 'us-east-1' });
    return [r.source, r.provider?.accountId ?? null, r.local ?? false];
  };
  assert.equal(answer('dev'), ['service', '111111111111', false]);
  assert.equal(answer('int'), ['service', '111111111111', false], 'a stage never deployed before still uses the default profile\'s role');
  assert.equal(answer('prod'), ['stage', '222222222222', false]);
  assert.equal(answer('qa'), ['stage', null, true]);
});

seed('a known service deployed later to a stage its app maps lands in that stage\'s account, in any region', async () => {
  const { store, handler } = setup();
  const legacy = seedExport();
  legacy.apps[0]!.services[0]!.instances = [{ stage: 'dev', region: 'us-east-1' }];
  await importOrThrow(handler, legacy);
  const report = await migrateOrThrow(handler);
  assert.equal(report.links.map(({ scope, stage }) => [scope, stage]), [['service', undefined], ['stage', 'prod']]);
  const r = (await indexOf(store)).resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'ap-south-1' });
  assert.equal([r.source, r.provider?.accountId], ['stage', '222222222222']);
});

seed('a migrated profile\'s role can no longer be changed through the legacy model', async () => {
  const { handler } = setup();
  await importOrThrow(handler, seedExport());
  await migrateOrThrow(handler);
  let n = 0;
  const change = (profileId: string, name: string, roleArn?: string) =>
    handler.execute({
      type: 'UpdateDeploymentProfile',
      orgId: 'acme',
      commandId: `update-${++n}`,
      actor: { id: 'alice', role: 'admin' },
      issuedAt: new Date().toISOString(),
      profileId,
      name,
      ...(roleArn ? { roleArn } : {}),
    });
  const moved = await change('p-dev', 'dev', 'arn:aws:iam::999999999999:role/deploy');
  assert.ok(E.isLeft(moved));
  if (E.isLeft(moved)) {
    assert.is(moved.left._tag, 'DeploymentProfileMigratedAlready');
    assert.match(moved.left.message, /dp-p-dev/);
  }
  const given = await change('p-old', 'old', 'arn:aws:iam::999999999999:role/deploy');
  assert.ok(E.isLeft(given) && given.left._tag === 'DeploymentProfileMigratedAlready');
  // Dropping the role is a change too; renaming is not, and stays allowed.
  assert.ok(E.isLeft(await change('p-dev', 'dev')));
  assert.ok(E.isRight(await change('p-dev', 'development', 'arn:aws:iam::111111111111:role/deploy')));
});

seed('migration commands need a role that may manage providers', async () => {
  const { handler } = setup();
  await importOrThrow(handler, seedExport());
  const result = await migrate(handler, 'acme', migrateOptions({ actor: { id: 'bob', role: 'member' } }));
  assert.ok(E.isLeft(result) && result.left.error._tag === 'PermissionDenied');
});

seed.run();
