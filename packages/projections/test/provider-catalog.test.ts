// The provider catalog: providers of an org with their usages, never their secret values.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProviderCatalog } from '../src/index.js';
import { admin, catalogOf, member, restoredFrom, seal, setup } from './support.js';

const catalog = suite('ProviderCatalog');

catalog('lists providers by name with kind, account and role ARN; get finds by id or by name regardless of case', async () => {
  const { store, addRole, run } = setup();
  await addRole('p-prod', 'prod', '222222222222');
  await addRole('p-dev', 'Dev', '111111111111');
  await run(admin, { type: 'AddProvider', providerId: 'p-stripe', name: 'billing', providerType: 'stripe', credentials: { kind: 'secret', fields: { apiKey: seal('sk_live_1', 'acme/p-stripe') } } });
  const model = await catalogOf(store);
  assert.equal(model.list('acme').map((p) => p.name), ['billing', 'Dev', 'prod']);
  const dev = model.get('acme', 'DEV');
  assert.ok(dev);
  assert.equal(
    { id: dev.id, type: dev.type, kind: dev.credentialsKind, account: dev.accountId, arn: dev.roleArn, by: dev.addedBy },
    { id: 'p-dev', type: 'aws', kind: 'aws-role', account: '111111111111', arn: 'arn:aws:iam::111111111111:role/deploy', by: admin },
  );
  assert.is(model.get('acme', 'p-prod')?.name, 'prod');
  assert.equal(model.get('acme', 'billing')?.secretFieldNames, ['apiKey']);
  assert.is(model.get('acme', 'nope'), undefined);
  assert.equal(model.list('other-org'), []);
});

catalog('usages: services, stage-wide and regional instance links, and defaults, each with who set it', async () => {
  const { store, addRole, link, run } = setup();
  await addRole('p-prod', 'prod', '222222222222');
  const linked = await link('p-prod', 'app1', 'api');
  await link('p-prod', 'app1', 'api', { stage: 'prod' });
  await link('p-prod', 'app1', 'web', { stage: 'prod', region: 'eu-west-1' });
  await run(admin, { type: 'SetDefaultProvider', providerId: 'p-prod' });
  const usages = (await catalogOf(store)).usages('acme', 'p-prod');
  assert.equal(usages.services, [{ app: 'app1', service: 'api', linked: { actor: member, at: linked.events[0]!.metadata.occurredAt, position: String(linked.position) } }]);
  assert.equal(
    usages.instances.map(({ linked: _, ...rest }) => rest),
    [
      { app: 'app1', service: 'api', stage: 'prod' },
      { app: 'app1', service: 'web', stage: 'prod', region: 'eu-west-1' },
    ],
  );
  assert.equal(usages.defaults.map((d) => [d.type, d.set.actor.id]), [['aws', 'alice']]);
});

catalog('renames, replacements and unlinks keep usages current', async () => {
  const { store, addRole, link, run } = setup();
  await addRole('p-dev', 'dev', '111111111111');
  await addRole('p-prod', 'prod', '222222222222');
  await link('p-dev', 'app1', 'api');
  await link('p-dev', 'app1', 'web');
  await link('p-prod', 'app1', 'api', { replace: true });
  await run(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'web', providerType: 'aws' });
  await run(admin, { type: 'RenameProvider', providerId: 'p-prod', name: 'production' });
  await run(admin, { type: 'SetDefaultProvider', providerId: 'p-dev' });
  await run(admin, { type: 'SetDefaultProvider', providerId: 'p-prod', replace: true });
  const model = await catalogOf(store);
  assert.equal(model.usages('acme', 'p-dev'), { services: [], instances: [], defaults: [] });
  const prod = model.usages('acme', 'p-prod');
  assert.equal(prod.services.map((s) => s.service), ['api']);
  assert.equal(prod.defaults.map((d) => d.type), ['aws']);
  assert.is(model.get('acme', 'production')?.id, 'p-prod');
  assert.is(model.get('acme', 'prod'), undefined, 'the old name no longer finds it');
});

catalog('local credentials replacing a provider end its usage there; a provider replacing them adds one', async () => {
  const s = setup();
  await s.addRole('p-dev', 'dev', '111111111111');
  await s.link('p-dev', 'app1', 'api');
  await s.link('p-dev', 'app1', 'api', { stage: 'prod' });
  await s.run(member, { type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'aws', replace: true });
  await s.run(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' });
  await s.run(member, { type: 'LinkProviderToInstance', providerId: 'p-dev', app: 'app1', service: 'api', stage: 'qa', replace: true });
  const usages = (await catalogOf(s.store)).usages('acme', 'p-dev');
  assert.equal(usages.services, []);
  assert.equal(usages.instances.map((i) => i.stage), ['prod', 'qa']);
});

catalog('a forced removal releases every usage; the removed provider is listed only when asked, and its name is free again', async () => {
  const { store, addRole, link, run } = setup();
  await addRole('p-dev', 'dev', '111111111111');
  await link('p-dev', 'app1', 'api');
  await link('p-dev', 'app1', 'api', { stage: 'dev', region: 'us-east-1' });
  await run(admin, { type: 'SetDefaultProvider', providerId: 'p-dev' });
  await run(admin, { type: 'RemoveProvider', providerId: 'p-dev', force: true });
  await addRole('p-dev2', 'DEV', '333333333333');
  const model = await catalogOf(store);
  assert.equal(model.usages('acme', 'p-dev'), { services: [], instances: [], defaults: [] });
  assert.equal(model.list('acme').map((p) => p.id), ['p-dev2']);
  assert.equal(model.list('acme', { includeRemoved: true }).map((p) => [p.id, p.removed?.actor.id ?? null]), [['p-dev', 'alice'], ['p-dev2', null]]);
  assert.is(model.get('acme', 'dev')?.id, 'p-dev2');
  assert.ok(model.get('acme', 'p-dev')?.removed, 'a removed provider is still found by id');
});

catalog('credentials updates change the account and kind shown; static keys show the access key id and nothing sealed', async () => {
  const { store, addRole, run } = setup();
  const secret = seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'acme/p-x');
  await addRole('p-x', 'x', '111111111111');
  await run(admin, { type: 'UpdateProviderCredentials', providerId: 'p-x', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: secret }, accountId: '444444444444' });
  const model = await catalogOf(store);
  const x = model.get('acme', 'x')!;
  assert.equal(
    { kind: x.credentialsKind, account: x.accountId, key: x.accessKeyId, arn: x.roleArn, ext: x.externalId },
    { kind: 'aws-keys', account: '444444444444', key: 'AKIAABCDEFGHIJKLMNOP', arn: undefined, ext: undefined },
  );
  assert.is(x.credentialsUpdated?.actor.id, 'alice');
  assert.not.ok('credentials' in x);
  const json = JSON.stringify([model.list('acme', { includeRemoved: true }), model.snapshot()]);
  for (const value of [secret.ct, secret.iv, secret.tag, 'wJalrXUtnFEMI']) assert.not.ok(json.includes(value), `found ${value}`);
});

catalog('orgs are apart: one org’s providers and usages never show in another', async () => {
  const { store, addRole, run } = setup('org-a');
  await addRole('p-1', 'shared-name', '111111111111');
  await run(member, { type: 'LinkProviderToService', providerId: 'p-1', app: 'app1', service: 'api' });
  await addRole('p-2', 'shared-name', '222222222222', 'org-b');
  const model = await catalogOf(store);
  assert.equal(model.list('org-b').map((p) => p.id), ['p-2']);
  assert.is(model.get('org-b', 'p-1'), undefined);
  assert.equal(model.usages('org-b', 'p-1').services, []);
  assert.is(model.get('org-a', 'SHARED-NAME')?.accountId, '111111111111');
});

catalog('snapshot and restore give the same catalog; a damaged snapshot is refused with its path and changes nothing', async () => {
  const { store, addRole, link, run } = setup();
  await addRole('p-dev', 'dev', '111111111111');
  await link('p-dev', 'app1', 'api', { stage: 'prod' });
  await run(admin, { type: 'SetDefaultProvider', providerId: 'p-dev' });
  const model = await catalogOf(store);
  const restored = restoredFrom(model, new ProviderCatalog());
  assert.equal(restored.snapshot(), model.snapshot());
  assert.equal(restored.usages('acme', 'p-dev'), model.usages('acme', 'p-dev'));
  assert.is(restored.get('acme', 'DEV')?.id, 'p-dev');
  assert.is(restored.position, model.position);
  const damaged = JSON.parse(JSON.stringify(model.snapshot()));
  damaged.orgs[0].links[0].scope.kind = 'galaxy';
  assert.throws(() => restored.restore(damaged), (e: Error) => e.name === 'SnapshotUnreadable' && /\$\.orgs\[0\]\.links\[0\]\.scope\.kind/.test(e.message));
  assert.equal(restored.snapshot(), model.snapshot());
  assert.throws(() => restored.restore({ format: 'provider-catalog', version: 99 }), /\$\.version: expected version 1, found 99/);
});

catalog.run();
