// Retention of the issuance log through the library: records older than an age go by the store's
// clock, the newest stays, the history of changes and other orgs' records are untouched.
import * as E from 'fp-ts/lib/Either.js';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '../src/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const admin = { id: 'alice', role: 'admin' as const };
const DAY = 86_400_000;
const retention = suite<{ sts: StsServer }>('issuance retention', {} as { sts: StsServer });

retention.before(async (context) => {
  context.sts = await startStsServer();
});
retention.after(({ sts }) => sts.close());

retention('records older than 90 days go, younger ones and the history stay', async ({ sts }) => {
  let now = Date.UTC(2026, 0, 1);
  const providers = await Providers.open({
    store: 'memory:',
    clock: () => now,
    sts: { endpoint: sts.url, region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIAVENDINGIDENTITY1', secretAccessKey: 'vendingSecret/NotReal0000000000000000000' }) },
  });
  for (const orgId of ['acme', 'other']) {
    const at = new Date(now).toISOString();
    assert.ok(E.isRight(await providers.addProvider({ orgId, actor: admin, issuedAt: at, name: 'prod', type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' } })));
    assert.ok(E.isRight(await providers.setDefault({ orgId, actor: admin, issuedAt: at, provider: 'prod' })));
  }
  const vend = (orgId: string, stage: string) => providers.vend({ orgId, app: 'shop', service: 'api', stage, actor: 'bob' });
  for (const stage of ['a', 'b', 'c']) await vend('acme', stage);
  await vend('other', 'a');
  now += 95 * DAY;
  await vend('acme', 'd');
  now += 5 * DAY;

  const pruned = await providers.pruneIssuance('acme', '90d');
  assert.equal([pruned.pruned, pruned.kept, pruned.cutoff], [3, 1, new Date(now - 90 * DAY).toISOString()]);
  assert.equal((await providers.issuance('acme')).map((r) => r.request.stage), ['d']);
  assert.is((await providers.issuance('other')).length, 1, 'another org’s records are untouched');
  assert.is((await providers.history('acme')).length, 2, 'the history of changes is untouched');
  assert.is((await providers.pruneIssuance('acme', '90d')).pruned, 0, 'a second prune removes nothing more');
  const refused = await providers.pruneIssuance('acme', '90 days').then(
    () => undefined,
    (error: unknown) => error as { _tag: string; field: string },
  );
  assert.equal([refused?._tag, refused?.field], ['InvalidIssuancePrune', 'olderThan']);
  await providers.close();
});

retention.run();
