// The issuance log through the library: every vend on record in its org's own stream, queried with
// the audit filters and joined with the provider catalog; another org's records are never visible.
import * as E from 'fp-ts/lib/Either.js';
import { MasterKeyring, generateMasterKey } from '@providers/secrets';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '../src/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const admin = { id: 'alice', role: 'admin' as const };
const issued = suite<{ sts: StsServer; providers: Providers }>('issuance through the library', {} as { sts: StsServer; providers: Providers });

issued.before(async (context) => {
  context.sts = await startStsServer();
  context.providers = await Providers.open({
    store: 'memory:',
    masterKeys: MasterKeyring.parse(generateMasterKey()),
    client: 'embedder',
    sts: { endpoint: context.sts.url, region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIAVENDINGIDENTITY1', secretAccessKey: 'vendingSecret/NotReal0000000000000000000' }) },
  });
  const { providers } = context;
  for (const [orgId, account] of [['acme', '111111111111'], ['other', '222222222222']] as const) {
    const added = await providers.addProvider({ orgId, actor: admin, name: 'prod', type: 'aws', credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy` } });
    assert.ok(E.isRight(added));
    assert.ok(E.isRight(await providers.setDefault({ orgId, actor: admin, provider: 'prod' })));
  }
});
issued.after(async ({ sts, providers }) => {
  await providers.close();
  await sts.close();
});

issued('each vend is recorded in its org’s stream; another org’s records are never visible', async ({ providers }) => {
  await providers.vend({ orgId: 'acme', app: 'shop', service: 'api', stage: 'prod', region: 'us-east-1', actor: 'bob' });
  await providers.vend({ orgId: 'acme', app: 'shop', service: 'web', stage: 'dev', actor: 'carol', client: 'serverless-v3' });
  await providers.vend({ orgId: 'other', app: 'shop', service: 'api', stage: 'prod', actor: 'mallory' });
  const acme = await providers.issuance('acme');
  assert.equal(acme.map((r) => [r.actor, r.client, r.request.service, r.accountId]), [
    ['bob', 'embedder', 'api', '111111111111'],
    ['carol', 'serverless-v3', 'web', '111111111111'],
  ]);
  assert.equal((await providers.issuance('other')).map((r) => r.actor), ['mallory']);
  assert.not.ok(JSON.stringify(acme, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)).includes('222222222222'));
  assert.equal(await providers.issuance('acme', { actor: 'mallory' }), []);
  assert.equal(await providers.issuance('nobody'), []);
});

issued('the audit filters narrow the records; the provider’s name at the time and now are both shown', async ({ providers }) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const afterVends = new Date().toISOString();
  assert.ok(E.isRight(await providers.renameProvider({ orgId: 'acme', actor: admin, provider: 'prod', name: 'production' })));
  const all = await providers.issuance('acme');
  assert.ok(all.every((r) => r.providerName === 'prod' && r.providerNameNow === 'production'));
  assert.is((await providers.issuance('acme', { provider: 'PRODUCTION' })).length, all.length, 'the name now matches');
  assert.is((await providers.issuance('acme', { provider: 'prod' })).length, all.length, 'the name at the time matches');
  assert.equal((await providers.issuance('acme', { app: 'shop', service: 'web' })).map((r) => r.actor), ['carol']);
  assert.equal((await providers.issuance('acme', { stage: 'prod' })).map((r) => r.actor), ['bob']);
  assert.equal((await providers.issuance('acme', { accountId: '222222222222' })), []);
  assert.is((await providers.issuance('acme', { since: afterVends })).length, 0, 'both were issued before');
  assert.is((await providers.issuance('acme', { until: afterVends })).length, all.length);
  const refused = await providers.issuance('acme', { since: 'yesterday' }).then(() => undefined, (error: unknown) => error);
  assert.is((refused as { _tag?: string; field?: string })._tag, 'InvalidIssuanceQuery');
  assert.is((refused as { field?: string }).field, 'since');
  // As the audit trail reads times: a date that is not on the calendar, or a time without a zone, is a typo.
  for (const until of ['2026-02-30', '2026-03-01T10:00:00']) {
    const typo = await providers.issuance('acme', { until }).then(() => undefined, (error: unknown) => error);
    assert.equal([(typo as { _tag?: string })._tag, (typo as { field?: string }).field], ['InvalidIssuanceQuery', 'until'], until);
  }
});

issued.run();
