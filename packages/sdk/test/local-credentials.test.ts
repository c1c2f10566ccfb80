// Local-credentials links through the SDK: a scope that deploys with the deployer's own credentials
// on purpose resolves to no provider with `local: true`, stops inheritance, and vends only the
// caller's own credentials, and only when the caller allows them (recorded like any hand-out).
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LocalCredentialsOnPurpose, Providers } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const member = { id: 'mo', role: 'member' as const };
const local = suite('local-credentials links');
const qa = { orgId: 'acme', app: 'app1', service: 'api', stage: 'qa', region: 'us-east-1' };
process.env.AWS_EC2_METADATA_DISABLED = 'true';
const own = { accessKeyId: 'AKIALOCALEXAMPLE0001', secretAccessKey: 'local-secret-not-from-the-store' };

const opened = async () => {
  const providers = await Providers.open({ store: 'memory:' });
  const role = { kind: 'aws-role' as const, roleArn: 'arn:aws:iam::111111111111:role/deploy' };
  assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: role })));
  assert.ok(E.isRight(await providers.setDefault({ orgId: 'acme', actor: admin, provider: 'dev' })));
  assert.ok(E.isRight(await providers.link({ orgId: 'acme', actor: member, provider: 'dev', app: 'app1', service: 'api' })));
  return providers;
};

local('a member links a stage to local credentials: it resolves to no provider, local, from the stage', async () => {
  const providers = await opened();
  const linked = await providers.linkLocalCredentials({ orgId: 'acme', actor: member, app: 'app1', service: 'api', stage: 'qa' });
  assert.ok(E.isRight(linked) && linked.right.events[0]?.event.type === 'LocalCredentialsLinked');
  const resolution = await providers.resolve(qa);
  assert.equal([resolution.source, resolution.provider, resolution.local], ['stage', null, true]);
  assert.is((await providers.resolve({ ...qa, stage: 'prod' })).provider?.name, 'dev', 'another stage still inherits the service link');
  await providers.close();
});

local('a provider linked at the scope is replaced only with replace; unlink brings inheritance back', async () => {
  const providers = await opened();
  const target = { orgId: 'acme', actor: member, app: 'app1', service: 'api', stage: 'qa' };
  assert.ok(E.isRight(await providers.link({ ...target, provider: 'dev' })));
  const refused = await providers.linkLocalCredentials(target);
  assert.ok(E.isLeft(refused) && refused.left._tag === 'ScopeAlreadyLinked', JSON.stringify(refused));
  assert.ok(E.isRight(await providers.linkLocalCredentials({ ...target, replace: true })));
  assert.is((await providers.resolve(qa)).local, true);
  const unlinked = await providers.unlink(target);
  assert.ok(E.isRight(unlinked) && unlinked.right.events[0]?.event.type === 'LocalCredentialsUnlinked');
  assert.is((await providers.resolve(qa)).provider?.name, 'dev');
  await providers.close();
});

local('vending at a local link refuses unless the caller allows its own credentials, which it then hands out on record', async () => {
  const stsNeverCalled = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: async () => own };
  const providers = await Providers.open({ store: 'memory:', sts: stsNeverCalled });
  assert.ok(E.isRight(await providers.linkLocalCredentials({ orgId: 'acme', actor: member, app: 'app1', service: 'api', stage: 'qa' })));
  const refused = await providers.vend({ ...qa }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.instance(refused, LocalCredentialsOnPurpose);
  assert.match((refused as Error).message, /own aws credentials on purpose .*stage/);
  // The caller's own credentials, as the AWS SDK's default chain finds them in the environment.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: own.accessKeyId, AWS_SECRET_ACCESS_KEY: own.secretAccessKey });
  const vended = await providers.vend({ ...qa, allowLocalFallback: true, actor: 'mo' });
  assert.is(vended.kind === 'aws' ? vended.accessKeyId : undefined, own.accessKeyId);
  assert.equal([vended.kind, vended.provider, vended.source], ['aws', null, 'stage']);
  const [record] = await providers.issuance('acme');
  assert.equal([record?.kind, record?.providerId], ['local-fallback', null]);
  await providers.close();
});

local('a local link of another type does not touch aws resolution', async () => {
  const providers = await opened();
  assert.ok(E.isRight(await providers.linkLocalCredentials({ orgId: 'acme', actor: member, app: 'app1', service: 'api', type: 'stripe' })));
  assert.is((await providers.resolve(qa)).provider?.name, 'dev');
  assert.is((await providers.resolve({ ...qa, type: 'stripe' })).local, true);
  await providers.close();
});

local.run();
