// When the SDK asks STS which account static keys act in, against the in-process STS endpoint
// (loopback): configured to, it asks once, signed with the keys; unpinned and not configured, it
// never asks; in a pinned org, keys STS refuses and an STS that does not answer refuse the write
// with a typed error saying why, and nothing is appended.
import * as E from 'fp-ts/lib/Either.js';
import { MasterKeyring, generateMasterKey } from '@providers/secrets';
import { freePort } from '@providers/store/testing';
import { KeysAccountNotObserved } from '@providers/vending/errors';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers, failureKindOf, type OpenOptions, type StsOptions } from '../src/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '333333333333';
const admin = { id: 'alice', role: 'admin' as const };
const keys = { kind: 'aws-keys' as const, accessKeyId: 'AKIAOBSERVEDKEYS0001', secretAccessKey: 'observedSecret/DoNotLeak+0123456789abcde' };
const observe = suite('static keys’ account: when STS is asked');

interface Context {
  sts: StsServer;
}
const context = {} as Context;

const withLibrary = async (options: Partial<OpenOptions>, body: (providers: Providers) => Promise<void>) => {
  const providers = await Providers.open({
    store: 'memory:',
    masterKeys: MasterKeyring.parse(generateMasterKey()),
    sts: { endpoint: context.sts.url, region: 'us-east-1', maxAttempts: 1 },
    ...options,
  });
  try {
    await body(providers);
  } finally {
    await providers.close();
  }
};
const pinOrg = async (providers: Providers) =>
  assert.ok(E.isRight(await providers.pin({ orgId: 'acme', actor: admin, accountIds: [ACCOUNT], reason: 'acme deploys to one account' })));
const addKeys = (providers: Providers) => providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keys });
const thrown = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

observe.before(async () => {
  context.sts = await startStsServer({ callerArn: `arn:aws:iam::${ACCOUNT}:user/deployer` });
});
observe.after(async () => {
  await context.sts?.close();
});

observe('configured to observe: GetCallerIdentity is asked once, signed with the new keys, and its account recorded', async () => {
  await withLibrary({ observeKeysAccount: true }, async (providers) => {
    const before = context.sts.requests.length;
    assert.ok(E.isRight(await addKeys(providers)));
    assert.equal(context.sts.requests.slice(before).map((r) => [r.action, r.accessKeyId]), [['GetCallerIdentity', keys.accessKeyId]]);
    assert.is((await providers.findProvider('acme', 'keys'))?.accountId, ACCOUNT);
  });
});

observe('a write can ask for it though the library is not configured to', async () => {
  await withLibrary({}, async (providers) => {
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keys, observeAccount: true })));
    assert.is((await providers.findProvider('acme', 'keys'))?.accountId, ACCOUNT);
  });
});

observe('unpinned and not configured to: STS is never asked, and the declared account is recorded', async () => {
  await withLibrary({}, async (providers) => {
    const before = context.sts.requests.length;
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keys, accountId: '444444444444' })));
    assert.ok(E.isRight(await providers.updateCredentials({ orgId: 'acme', actor: admin, provider: 'keys', credentials: keys })));
    assert.is(context.sts.requests.length, before, 'no request reached STS');
  });
});

observe('an access role or another vendor’s fields are never observed, even in a pinned org', async () => {
  await withLibrary({ observeKeysAccount: true }, async (providers) => {
    await pinOrg(providers);
    const before = context.sts.requests.length;
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'role', type: 'aws', credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy` } })));
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'pay', type: 'stripe', credentials: { kind: 'secret', fields: { apiKey: 'sk_test_1' } } })));
    assert.is(context.sts.requests.length, before);
  });
});

observe('keys STS refuses, in a pinned org: rejected, naming the field and why, nothing appended, no secret', async () => {
  await withLibrary({}, async (providers) => {
    await pinOrg(providers);
    const before = (await providers.history('acme')).length;
    context.sts.failNext({ error: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    const error = await thrown(addKeys(providers));
    assert.instance(error, KeysAccountNotObserved);
    const failure = error as KeysAccountNotObserved;
    assert.equal([failure.kind, failureKindOf(failure), failure.field], ['rejected', 'rejected', 'credentials']);
    for (const part of ['InvalidClientTokenId', 'account pins', 'nothing was recorded']) assert.match(failure.message, part);
    assert.not.match(failure.message, keys.secretAccessKey);
    assert.is((await providers.history('acme')).length, before);
  });
});

observe('an STS that does not answer, in a pinned org: unavailable, saying so, nothing appended', async () => {
  // A loopback port nothing listens on: an STS that does not answer.
  const sts: StsOptions = { endpoint: `http://127.0.0.1:${await freePort()}`, region: 'us-east-1', maxAttempts: 1 };
  await withLibrary({ sts }, async (providers) => {
    await pinOrg(providers);
    const before = (await providers.history('acme')).length;
    const error = await thrown(addKeys(providers));
    assert.instance(error, KeysAccountNotObserved);
    assert.is((error as KeysAccountNotObserved).kind, 'unavailable');
    assert.match((error as KeysAccountNotObserved).message, 'did not answer');
    assert.is((await providers.history('acme')).length, before);
  });
});

observe.run();
