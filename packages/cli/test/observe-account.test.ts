// `add`/`update-credentials --observe-account` (or PROVIDERS_OBSERVE_ACCOUNT=1) through the real
// binary, against the wire-level test STS endpoint: static keys' account is asked of STS with the
// keys and recorded; a declared account that differs is refused (exit 1); in a pinned org it is
// asked without the flag, and keys STS refuses (exit 1) or an STS that does not answer (exit 3)
// record nothing. No secret reaches the output.
import { generateMasterKey } from '@providers/secrets';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const ACCOUNT = '333333333333';
const SECRET = 'observeSecret/DoNotLeak+0123456789abcdef';
const observe = suite('providers add --observe-account');
let sts: StsServer;
let env: Record<string, string>;

const addKeys = (ws: ReturnType<typeof workspace>, name: string, ...more: string[]) =>
  ws.runAsync(['add', '--org', 'acme', '--name', name, '--type', 'aws', '--access-key-id', 'AKIAOBSERVEDKEYS0001', '--secret-access-key-env', 'SECRET', ...more], { env });
const scratch = () => workspace({ PROVIDERS_MASTER_KEY: generateMasterKey(), SECRET, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
const historyOf = async (ws: ReturnType<typeof workspace>) => (await ws.runAsync(['history', '--org', 'acme', '--json'])).stdout;
/** Pins acme to the account STS reports, so keys are observed without the flag. */
const pinOrg = async (ws: ReturnType<typeof workspace>) => assert.is((await ws.runAsync(['pin', '--org', 'acme', '--account', ACCOUNT, '--reason', 'one account'])).code, 0);
/** Registers a test that runs in a scratch workspace of its own, removed however the test ends. */
const inScratch = (name: string, body: (ws: ReturnType<typeof workspace>) => Promise<void>) =>
  observe(name, async () => {
    const ws = scratch();
    try {
      await body(ws);
    } finally {
      ws.cleanup();
    }
  });

observe.before(async () => {
  sts = await startStsServer({ callerArn: `arn:aws:iam::${ACCOUNT}:user/deployer` });
  env = { AWS_ENDPOINT_URL_STS: sts.url };
});
observe.after(async () => {
  await sts.close();
});

inScratch('--observe-account asks STS with the keys and records their account; the env variable does the same', async (ws) => {
  const before = sts.requests.length;
  const added = await addKeys(ws, 'keys', '--observe-account', '--json');
  assert.is(added.code, 0, added.stderr);
  assert.is(added.json<{ accountId: string }>().accountId, ACCOUNT);
  assert.equal(sts.requests.slice(before).map((r) => [r.action, r.accessKeyId]), [['GetCallerIdentity', 'AKIAOBSERVEDKEYS0001']]);
  const byEnv = await ws.runAsync(['add', '--org', 'acme', '--name', 'keys2', '--type', 'aws', '--access-key-id', 'AKIAOBSERVEDKEYS0002', '--secret-access-key-env', 'SECRET'], {
    env: { ...env, PROVIDERS_OBSERVE_ACCOUNT: '1' },
  });
  assert.is(byEnv.code, 0, byEnv.stderr);
  assert.match(byEnv.stdout, `for account ${ACCOUNT}`);
  const history = await historyOf(ws);
  const adds = (JSON.parse(history) as Array<{ type: string; data: { accountId?: string; accountObserved?: boolean } }>).filter((e) => e.type === 'ProviderAdded');
  assert.equal(adds.map((e) => [e.data.accountId, e.data.accountObserved]), [[ACCOUNT, true], [ACCOUNT, true]]);
  assert.not.match(history + added.stdout + added.stderr, SECRET);
});

inScratch('without the flag or a pin, STS is not asked: the declared account is recorded', async (ws) => {
  const before = sts.requests.length;
  const added = await addKeys(ws, 'keys', '--account-id', '444444444444', '--json');
  assert.is(added.code, 0, added.stderr);
  assert.is(added.json<{ accountId: string }>().accountId, '444444444444');
  assert.is(sts.requests.length, before);
});

inScratch('a declared --account-id that is not the observed one: exit 1 naming accountId and both accounts; nothing recorded', async (ws) => {
  const refused = await addKeys(ws, 'keys', '--observe-account', '--account-id', '444444444444');
  assert.is(refused.code, 1, refused.stderr);
  for (const part of ['accountId', '444444444444', ACCOUNT]) assert.match(refused.stderr, part);
  assert.not.match(refused.stderr + refused.stdout, SECRET);
  assert.not.match(await historyOf(ws), 'ProviderAdded');
});

inScratch('in a pinned org the keys are observed without the flag; keys STS refuses exit 1, and update-credentials is observed too', async (ws) => {
  await pinOrg(ws);
  const added = await addKeys(ws, 'keys', '--json');
  assert.is(added.code, 0, added.stderr);
  assert.is(added.json<{ accountId: string }>().accountId, ACCOUNT);
  sts.failNext({ error: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
  const refused = await ws.runAsync(['update-credentials', '--org', 'acme', '--provider', 'keys', '--access-key-id', 'AKIAOBSERVEDKEYS0003', '--secret-access-key-env', 'SECRET'], { env });
  assert.is(refused.code, 1, refused.stderr);
  for (const part of ['could not be observed', 'InvalidClientTokenId', 'account pins']) assert.match(refused.stderr, part);
  assert.not.match(refused.stderr, SECRET);
  assert.not.match(await historyOf(ws), 'ProviderCredentialsUpdated');
});

inScratch('in a pinned org an STS that does not answer: exit 3, nothing recorded', async (ws) => {
  await pinOrg(ws);
  sts.failNext(...Array.from({ length: 4 }, () => ({ error: 'ServiceUnavailable' as const })));
  const refused = await addKeys(ws, 'keys');
  assert.is(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, 'did not answer');
  assert.not.match(await historyOf(ws), 'ProviderAdded');
});

observe.run();
