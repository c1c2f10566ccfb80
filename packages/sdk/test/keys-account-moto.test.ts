// Static keys' account, observed on moto: the SDK asks STS GetCallerIdentity with the new keys
// (configured to, or because the org has account pins) and records the account as observed. Keys
// of an IAM user moto created in another account are recorded in that account, refused where a
// stage is pinned elsewhere; a declared account that differs is refused with nothing appended.
// (keys-account.test.ts covers the failures of STS and when it is not asked at all.)
import * as E from 'fp-ts/lib/Either.js';
import { MasterKeyring, generateMasterKey } from '@providers/secrets';
import { MOTO_ACCOUNT_ID, iamUserKeysIn, motoSuite, type OnMoto } from '@providers/vending/testing';
import * as assert from 'uvu/assert';
import { Providers, type OpenOptions, type StsOptions } from '../src/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const OTHER_ACCOUNT = '222222222222';
const admin = { id: 'alice', role: 'admin' as const };
const prodStage = { app: 'app1', service: 'api', stage: 'prod' };

interface Context extends OnMoto {
  otherKeys: { accessKeyId: string; secretAccessKey: string };
  /** Keys of an IAM user of moto's own account, the one prod is pinned to. */
  mainKeys: { accessKeyId: string; secretAccessKey: string };
}

const observed = motoSuite<Context>('static keys’ account observed on moto', 'records the account STS observes for static keys, and refuses what cannot be observed', (test, context) => {
  const motoSts = (): StsOptions => ({ endpoint: context.moto.url, region: 'us-east-1' });
  const open = (options: Partial<OpenOptions> = {}) => Providers.open({ store: 'memory:', masterKeys: MasterKeyring.parse(generateMasterKey()), sts: motoSts(), ...options });
  const withLibrary = async (options: Partial<OpenOptions>, body: (providers: Providers) => Promise<void>) => {
    const providers = await open(options);
    try {
      await body(providers);
    } finally {
      await providers.close();
    }
  };
  const keysOf = (keys: { accessKeyId: string; secretAccessKey: string }) => ({ kind: 'aws-keys' as const, ...keys });
  const pinProd = async (providers: Providers) =>
    assert.ok(E.isRight(await providers.pin({ orgId: 'acme', actor: admin, ...prodStage, accountIds: [MOTO_ACCOUNT_ID], reason: 'prod deploys to the main account' })));
  const addedData = async (providers: Providers) =>
    (await providers.history('acme')).find((recorded) => recorded.type === 'ProviderAdded')?.data as { accountId?: string; accountObserved?: true } | undefined;

  test.before(async () => {
    context.otherKeys = await iamUserKeysIn(context.moto, context.home, OTHER_ACCOUNT, 'deployer');
    context.mainKeys = await iamUserKeysIn(context.moto, context.home, MOTO_ACCOUNT_ID, 'main-deployer');
  });

  test('configured to observe, keys of an IAM user of another account are recorded in that account, as observed', async () => {
    await withLibrary({ observeKeysAccount: true }, async (providers) => {
      const added = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keysOf(context.otherKeys) });
      assert.ok(E.isRight(added), E.isLeft(added) ? added.left.message : '');
      const data = await addedData(providers);
      assert.equal([data?.accountId, data?.accountObserved], [OTHER_ACCOUNT, true]);
      const stored = (await providers.history('acme')).map((recorded) => JSON.stringify(recorded.data)).join('\n');
      assert.not.match(stored, context.otherKeys.secretAccessKey);
    });
  });

  test('in a pinned org the keys are observed without being configured to, and linking them to a stage pinned elsewhere is refused', async () => {
    await withLibrary({}, async (providers) => {
      await pinProd(providers);
      assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keysOf(context.otherKeys) })));
      assert.is((await providers.findProvider('acme', 'keys'))?.accountId, OTHER_ACCOUNT);
      const linked = await providers.link({ orgId: 'acme', actor: admin, provider: 'keys', ...prodStage });
      assert.ok(E.isLeft(linked) && linked.left._tag === 'AccountNotAllowed');
      assert.is(linked.left.accountId, OTHER_ACCOUNT);
      assert.match(linked.left.message, MOTO_ACCOUNT_ID);
    });
  });

  test('new keys of another account for a provider serving a pinned stage are refused; keys of the pinned account replace them', async () => {
    await withLibrary({}, async (providers) => {
      const motoKeys = context.mainKeys;
      await pinProd(providers);
      assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keysOf(motoKeys) })));
      assert.ok(E.isRight(await providers.link({ orgId: 'acme', actor: admin, provider: 'keys', ...prodStage })));
      const refused = await providers.updateCredentials({ orgId: 'acme', actor: admin, provider: 'keys', credentials: keysOf(context.otherKeys) });
      assert.ok(E.isLeft(refused) && refused.left._tag === 'AccountNotAllowed' && refused.left.accountId === OTHER_ACCOUNT);
      assert.ok(E.isRight(await providers.updateCredentials({ orgId: 'acme', actor: admin, provider: 'keys', credentials: keysOf(motoKeys) })));
    });
  });

  test('a declared account that is not the observed one is refused naming accountId, both accounts and no secret; nothing is appended', async () => {
    await withLibrary({ observeKeysAccount: true }, async (providers) => {
      const before = (await providers.history('acme')).length;
      const added = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'keys', type: 'aws', credentials: keysOf(context.otherKeys), accountId: MOTO_ACCOUNT_ID });
      assert.ok(E.isLeft(added) && added.left._tag === 'AccountIdMismatch');
      assert.equal([added.left.field, added.left.declaredAccountId, added.left.observedAccountId], ['accountId', MOTO_ACCOUNT_ID, OTHER_ACCOUNT]);
      assert.not.match(added.left.message, context.otherKeys.secretAccessKey);
      assert.is((await providers.history('acme')).length, before);
    });
  });
});

observed.run();
