// The library against moto: the org's IAM template deploys as a stack, the role it creates is
// added and linked, vend assumes it, and an AWS SDK v3 client signs with `credentialProvider`.
import * as E from 'fp-ts/lib/Either.js';
import { MasterKeyring, generateMasterKey } from '@providers/secrets';
import { roleSessionName } from '@providers/vending';
import { MOTO_ACCOUNT_ID, deployStack, motoSuite, stsClientOn, type OnMoto } from '@providers/vending/testing';
import * as assert from 'uvu/assert';
import { Providers } from '../src/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const admin = { id: 'alice', role: 'admin' as const };
const request = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1', actor: 'alice' } as const;

interface Context extends OnMoto {
  providers: Providers;
  roleArn: string;
}

const library = motoSuite<Context>('the library on moto', 'deploys the template, vends, and signs an SDK client with credentialProvider', (test, context) => {
  test.before(async () => {
    const { moto } = context;
    const vendingIdentity = { accessKeyId: moto.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY ?? '' };
    context.providers = await Providers.open({
      store: 'memory:',
      masterKeys: MasterKeyring.parse(generateMasterKey()),
      sts: { endpoint: moto.url, region: 'us-east-1', credentials: async () => vendingIdentity },
    });
  });
  test.after(async () => {
    await context.providers?.close();
  });

  test('iamTemplate trusts the vending account and deploys; the role is added with the org’s external id and linked', async () => {
    const { providers, moto, home } = context;
    const template = await providers.iamTemplate({ orgId: 'acme' });
    assert.ok(JSON.stringify(template).includes(`arn:aws:iam::${MOTO_ACCOUNT_ID}:root`));
    const outputs = await deployStack(moto, home, 'acme-sdk', template);
    context.roleArn = outputs['RoleArn'] ?? '';
    assert.is(outputs['ExternalId'], await providers.externalIdOf('acme'));
    const added = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'prod', type: 'aws', credentials: { kind: 'aws-role', roleArn: context.roleArn } });
    assert.ok(E.isRight(added));
    const prod = await providers.findProvider('acme', 'prod');
    assert.is(prod?.credentials.kind === 'aws-role' && prod.credentials.externalId, outputs['ExternalId']);
    const linked = await providers.link({ orgId: 'acme', actor: admin, commandId: 'link-1', provider: 'prod', app: 'app1', service: 'api', stage: 'prod' });
    assert.ok(E.isRight(linked));
  });

  test('vend assumes the role on moto with the deployment’s session name', async () => {
    const result = await context.providers.vend(request);
    assert.is(result.kind, 'aws');
    if (result.kind !== 'aws') return;
    assert.match(result.accessKeyId, /^ASIA/);
    assert.ok((result.expiration?.getTime() ?? 0) > Date.now());
    const roleName = context.roleArn.split('/').pop() ?? '';
    assert.is(result.session?.assumedRoleArn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${roleName}/${roleSessionName(request)}`);
  });

  test('an AWS SDK v3 client signs with credentialProvider and runs as the assumed session', async () => {
    const credentials = context.providers.credentialProvider(request);
    const client = stsClientOn(context.moto, credentials);
    try {
      const first = await client.callerIdentity();
      const roleName = context.roleArn.split('/').pop() ?? '';
      assert.is(first.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${roleName}/${roleSessionName(request)}`);
      assert.is(first.account, MOTO_ACCOUNT_ID);
      const [a, b] = await Promise.all([credentials(), credentials()]);
      assert.is(a.accessKeyId, b.accessKeyId, 'one session while it is fresh');
      assert.equal(await client.callerIdentity(), first);
    } finally {
      client.close();
    }
  });
});

library.run();
