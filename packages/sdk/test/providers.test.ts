// The SDK facade: sealing on the way in, the org's external id, resolve, and lazy migration.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import type { Command } from '@providers/domain';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers, openStores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const sdk = suite('Providers');
let n = 0;
const cmd = (body: Record<string, unknown>): Command =>
  ({ orgId: 'acme', commandId: `t-${++n}`, actor: admin, issuedAt: new Date().toISOString(), ...body }) as Command;
/** The library on a memory store, and beside it the store's keys, a sealer and a command handler of the test's own (legacy commands). */
const open = async (options: { migrateOnFirstUse?: boolean } = {}) => {
  const stores = await openStores({ kind: 'memory' });
  const masterKeys = MasterKeyring.parse(generateMasterKey());
  const providers = await Providers.open({ store: stores, masterKeys, ...options });
  return Object.assign(providers, { keys: stores.keys, sealer: new SecretSealer({ keys: stores.keys, masterKeys }), handler: new CommandHandler(stores.events) });
};

sdk('static keys are sealed before they enter the event, and open again with the master key', async () => {
  const providers = await open();
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const added = await providers.addProvider({
    orgId: 'acme',
    actor: admin,
    name: 'ci',
    type: 'aws',
    accountId: '123456789012',
    credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
  });
  assert.ok(E.isRight(added));
  const history = JSON.stringify((await providers.history('acme')).map((e) => ({ data: e.data, metadata: e.metadata })));
  assert.not.ok(history.includes(secret));
  const provider = await providers.findProvider('acme', 'CI');
  assert.ok(provider?.credentials.kind === 'aws-keys');
  if (provider?.credentials.kind === 'aws-keys') assert.is(await providers.sealer.unseal(provider.credentials.secretAccessKey, 'secretAccessKey'), secret);
  await providers.close();
});

sdk('a malformed secret or a rejected command creates no data key', async () => {
  const providers = await open();
  const bad = await providers.addProvider({
    orgId: 'acme',
    actor: { id: 'bob', role: 'member' },
    name: 'ci',
    type: 'aws',
    credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  });
  assert.ok(E.isLeft(bad) && bad.left._tag === 'PermissionDenied');
  const short = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'x', type: 'aws', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'short' } });
  assert.ok(E.isLeft(short) && short.left.field === 'credentials.secretAccessKey');
  assert.equal(await providers.keys.list(), []);
  await providers.close();
});

sdk('every access role of an org shares the org’s generated external id', async () => {
  const providers = await open();
  for (const [name, account] of [['dev', '111111111111'], ['prod', '222222222222']] as const)
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name, type: 'aws', credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy` } })));
  const ids = await Promise.all(['dev', 'prod'].map(async (p) => (await providers.findProvider('acme', p))?.credentials));
  const [dev, prod] = ids.map((c) => (c?.kind === 'aws-role' ? c.externalId : undefined));
  assert.ok(dev && dev.startsWith('acme-'));
  assert.is(prod, dev);
  await providers.close();
});

sdk('with migrateOnFirstUse, the first resolve migrates the org’s deployment profiles', async () => {
  const providers = await open({ migrateOnFirstUse: true });
  for (const body of [
    { type: 'CreateDeploymentProfile', profileId: 'p-dev', name: 'dev', roleArn: 'arn:aws:iam::111111111111:role/deploy' },
    { type: 'CreateDeploymentProfile', profileId: 'p-prod', name: 'prod', roleArn: 'arn:aws:iam::222222222222:role/deploy' },
    { type: 'LinkStageToDeploymentProfile', app: 'app1', stage: 'default', profileId: 'p-dev' },
    { type: 'LinkStageToDeploymentProfile', app: 'app1', stage: 'prod', profileId: 'p-prod' },
    { type: 'RecordInstanceDeployed', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' },
  ])
    assert.ok(E.isRight(await providers.handler.execute(cmd(body))));
  const prod = await providers.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' });
  assert.equal([prod.source, prod.provider?.accountId], ['stage', '222222222222']);
  const dev = await providers.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'pr-1' });
  assert.equal([dev.source, dev.provider?.accountId], ['service', '111111111111']);
  await providers.close();
});

sdk('without it, nothing is migrated behind the caller’s back', async () => {
  const providers = await open();
  assert.ok(E.isRight(await providers.handler.execute(cmd({ type: 'CreateDeploymentProfile', profileId: 'p-dev', name: 'dev', roleArn: 'arn:aws:iam::111111111111:role/deploy' }))));
  assert.ok(E.isRight(await providers.handler.execute(cmd({ type: 'LinkStageToDeploymentProfile', app: 'app1', stage: 'default', profileId: 'p-dev' }))));
  assert.ok(E.isRight(await providers.handler.execute(cmd({ type: 'RecordInstanceDeployed', app: 'app1', service: 'service1', stage: 'dev' }))));
  assert.is((await providers.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'dev' })).source, 'none');
  await providers.close();
});

sdk('store URLs: sqlite:, memory:, esdb:// are understood; others are a typed error', async () => {
  const { parseStoreUrl } = await import('../src/index.js');
  assert.equal(parseStoreUrl('sqlite:./x.db'), { kind: 'sqlite', path: './x.db' });
  assert.equal(parseStoreUrl('memory:'), { kind: 'memory' });
  assert.equal(parseStoreUrl('esdb://127.0.0.1:2113?tls=false'), { kind: 'esdb', connectionString: 'esdb://127.0.0.1:2113?tls=false' });
  assert.throws(() => parseStoreUrl('ftp://x'), (e: Error & { _tag?: string }) => e._tag === 'InvalidStoreUrl');
});

sdk('resolve and vend refuse what a write would refuse, naming the field; nothing is asked of STS', async () => {
  const providers = await open();
  const deployment = { orgId: 'acme', app: 'app1', service: 'api', stage: 'dev' };
  const cases: Array<[Record<string, string>, string]> = [
    [{ stage: '' }, 'stage'],
    [{ region: 'moon-1' }, 'region'],
    [{ app: 'bad app' }, 'app'],
    [{ type: 'NOT A TYPE' }, 'type'],
  ];
  for (const [change, field] of cases) {
    const isRefused = (e: Error & { _tag?: string; field?: string }) => e._tag === 'InvalidResolveRequest' && e.field === field;
    await providers.resolve({ ...deployment, ...change }).then(
      () => assert.unreachable(`resolve accepted ${JSON.stringify(change)}`),
      (e: Error) => assert.ok(isRefused(e), `resolve ${JSON.stringify(change)}: ${e.message}`),
    );
    await providers.vend({ ...deployment, ...change, actor: 'alice', allowLocalFallback: true }).then(
      () => assert.unreachable(`vend accepted ${JSON.stringify(change)}`),
      (e: Error) => assert.ok(isRefused(e), `vend ${JSON.stringify(change)}: ${e.message}`),
    );
  }
  assert.is((await providers.resolve({ ...deployment, region: 'eu-west-1', type: 'stripe' })).source, 'none');
  await providers.close();
});

sdk.run();
