// Names and roles that exist already: taken names get a deterministic new name, equal role ARNs reuse the provider, links are never replaced.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addRoleProvider, importOrThrow, indexOf, migrateOrThrow, outcomeOf, roleArn, setup } from './fixtures.js';

const profilesExport = (profiles: { id: string; name: string; awsAccessRoleArn?: string }[], apps: unknown[] = []) => ({
  org: 'acme',
  deploymentProfiles: profiles,
  apps,
});

/** A deployment profile with the access role `deploy` in `account`. */
const roleProfile = (id: string, name: string, account: string) => ({ id, name, awsAccessRoleArn: roleArn(account) });

/** Imports the export of these profiles and apps of org acme, then migrates it. */
const migrateProfiles = async (handler: Parameters<typeof importOrThrow>[0], profiles: Parameters<typeof profilesExport>[0], apps: unknown[] = []) => {
  await importOrThrow(handler, profilesExport(profiles, apps));
  return migrateOrThrow(handler);
};

/** A user's provider "theirs" (account 999999999999) beside the imported, not yet migrated, export of these profiles and apps. */
const importedBesideTheirs = async (profiles: Parameters<typeof profilesExport>[0], apps: unknown[]) => {
  const context = setup();
  await addRoleProvider(context.run, 'theirs', 'theirs', roleArn('999999999999'));
  await importOrThrow(context.handler, profilesExport(profiles, apps));
  return context;
};

const collisions = suite('collisions');

collisions('a name taken by another provider (in any case) gets the first free -N suffix, and is reported', async () => {
  const { handler, run } = setup();
  await addRoleProvider(run, 'u1', 'DEV', roleArn('900000000001'));
  await addRoleProvider(run, 'u2', 'dev-2', roleArn('900000000002'));
  const report = await migrateProfiles(handler, [roleProfile('p-dev', 'dev', '111111111111')]);
  assert.equal(report.renamed, [{ profileId: 'p-dev', profile: 'dev', name: 'dev-3', reason: 'the name "dev" was taken' }]);
  assert.is(report.providersCreated[0]?.name, 'dev-3');
  assert.is((await handler.state('acme')).providers.get('dp-p-dev')?.name, 'dev-3');
});

collisions('two profiles with one name: the first (by profile id) keeps it, the second gets -2', async () => {
  const { handler } = setup();
  const report = await migrateProfiles(handler, [roleProfile('p-b', 'deploy', '111111111111'), roleProfile('p-a', 'deploy', '222222222222')]);
  assert.equal(report.providersCreated.map((p) => [p.profileId, p.name]), [['p-a', 'deploy'], ['p-b', 'deploy-2']]);
  assert.equal(report.renamed, [{ profileId: 'p-b', profile: 'deploy', name: 'deploy-2', reason: 'the name "deploy" was taken' }]);
});

collisions('a profile name that is no valid provider name is made into one', async () => {
  const { handler } = setup();
  const report = await migrateProfiles(handler, [
    roleProfile('p-1', 'Dev / EU (old)', '111111111111'),
    roleProfile('p-2', '***', '222222222222'),
    roleProfile('p-3', 'x'.repeat(100), '333333333333'),
  ]);
  assert.equal(report.renamed.map((r) => r.name), ['Dev - EU -old', 'profile', 'x'.repeat(64)]);
  assert.equal(report.renamed.map((r) => r.reason), [
    '"Dev / EU (old)" is not a valid provider name',
    '"***" is not a valid provider name',
    `"${'x'.repeat(100)}" is not a valid provider name`,
  ]);
});

collisions('a name only made valid is not called taken; one made valid and then taken says both', async () => {
  const { handler, run } = setup();
  await addRoleProvider(run, 'u1', 'y', roleArn('900000000001'));
  const report = await migrateProfiles(handler, [roleProfile('p-1', '@x', '111111111111'), roleProfile('p-2', '@y', '222222222222')]);
  assert.equal(report.renamed, [
    { profileId: 'p-1', profile: '@x', name: 'x', reason: '"@x" is not a valid provider name' },
    { profileId: 'p-2', profile: '@y', name: 'y-2', reason: '"@y" is not a valid provider name, and the name "y" was taken' },
  ]);
});

collisions('a role ARN equal to an existing provider\'s reuses that provider: nothing is added, links and marker point to it', async () => {
  const { store, handler, run } = setup();
  await addRoleProvider(run, 'mine', 'main account', roleArn('111111111111'));
  const report = await migrateProfiles(
    handler,
    [roleProfile('p-dev', 'dev', '111111111111'), roleProfile('p-dev-copy', 'dev copy', '111111111111')],
    [{ name: 'app1', stages: { default: 'p-dev', qa: 'p-dev-copy' }, services: [{ name: 'api', instances: [{ stage: 'qa', region: 'us-east-1' }] }] }],
  );
  assert.equal(report.providersCreated, []);
  assert.equal(report.providersReused.map((p) => [p.profileId, p.providerId]), [['p-dev', 'mine'], ['p-dev-copy', 'mine']]);
  const outcome = await outcomeOf(handler);
  assert.equal(outcome.providers.map((p) => p.id), ['mine']);
  assert.equal(outcome.migrated, ['p-dev -> mine', 'p-dev-copy -> mine']);
  const r = (await indexOf(store)).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'qa', region: 'us-east-1' });
  assert.equal([r.source, r.provider?.id], ['stage', 'mine']);
});

collisions('profiles sharing a role ARN share one new provider', async () => {
  const { handler } = setup();
  const report = await migrateProfiles(handler, [roleProfile('p-1', 'one', '111111111111'), roleProfile('p-2', 'two', '111111111111')]);
  assert.equal(report.providersCreated.map((p) => p.providerId), ['dp-p-1']);
  assert.equal(report.providersReused.map((p) => [p.profileId, p.providerId]), [['p-2', 'dp-p-1']]);
});

collisions('links the user made are kept and reported, never replaced', async () => {
  const { store, handler, run } = await importedBesideTheirs(
    [roleProfile('p-dev', 'dev', '111111111111'), roleProfile('p-prod', 'prod', '222222222222')],
    [{ name: 'app1', stages: { default: 'p-dev', prod: 'p-prod' }, services: [{ name: 'api', instances: [{ stage: 'prod', region: 'us-east-1' }] }] }],
  );
  await run({ type: 'LinkProviderToService', providerId: 'theirs', app: 'app1', service: 'api' });
  const report = await migrateOrThrow(handler);
  assert.equal(report.linksKept.map(({ scope, linkedProviderId, providerId }) => ({ scope, linkedProviderId, providerId })), [
    { scope: 'service', linkedProviderId: 'theirs', providerId: 'dp-p-dev' },
  ]);
  assert.match(report.linksKept[0]!.reason, /never replaces/);
  assert.equal(report.links.map((l) => l.scope), ['stage']);
  const index = await indexOf(store);
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'dev' }).provider?.id, 'theirs');
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' }).provider?.id, 'dp-p-prod');
});

collisions('a stage mapped to a profile without a role gets local credentials; the service link is made for every other stage', async () => {
  const { store, handler } = setup();
  const report = await migrateProfiles(
    handler,
    [roleProfile('p-dev', 'dev', '111111111111'), { id: 'p-local', name: 'local' }],
    [
      {
        name: 'app1',
        stages: { default: 'p-dev', sandbox: 'p-local' },
        services: [{ name: 'api', instances: [{ stage: 'sandbox', region: 'us-east-1' }, { stage: 'dev', region: 'us-east-1' }] }],
      },
    ],
  );
  assert.equal(report.links.map(({ scope, stage, providerId, from }) => [scope, stage, providerId, from]), [
    ['service', undefined, 'dp-p-dev', 'default'],
    ['stage', 'sandbox', null, 'stage'],
  ]);
  assert.match(report.links[1]!.reason, /maps to profile "local" \(p-local\), which has no role/);
  assert.equal(report.withoutServiceLink, []);
  const index = await indexOf(store);
  const sandbox = index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'sandbox', region: 'eu-west-1' });
  assert.equal([sandbox.source, sandbox.provider, sandbox.local], ['stage', null, true]);
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'dev', region: 'eu-west-1' }).provider?.accountId, '111111111111');
  // A stage never deployed nor mapped before deployed with the default's role, and still does.
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'int' }).provider?.accountId, '111111111111');
});

collisions('local credentials a user set where the migration wants a link are kept, and so is a user link where it wants local credentials', async () => {
  const { store, handler, run } = await importedBesideTheirs(
    [roleProfile('p-dev', 'dev', '111111111111'), { id: 'p-local', name: 'local' }],
    [{ name: 'app1', stages: { default: 'p-dev', qa: 'p-local' }, services: [{ name: 'api', instances: [{ stage: 'qa' }] }] }],
  );
  await run({ type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'aws' });
  await run({ type: 'LinkProviderToInstance', providerId: 'theirs', app: 'app1', service: 'api', stage: 'qa' });
  const report = await migrateOrThrow(handler);
  assert.equal(report.linksKept.map(({ scope, linkedProviderId, providerId, reason }) => [scope, linkedProviderId, providerId, reason]), [
    ['service', null, 'dp-p-dev', 'set to local credentials; the migration never replaces a link'],
    ['stage', 'theirs', null, 'already linked to provider "theirs"; the migration never replaces a link'],
  ]);
  assert.equal(report.links, []);
  const index = await indexOf(store);
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'qa' }).provider?.id, 'theirs');
  assert.is(index.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'dev' }).local, true);
});

collisions.run();
