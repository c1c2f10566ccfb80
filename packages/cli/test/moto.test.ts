// Onboarding and vending against moto (STS, IAM, CloudFormation) through the real binary, with the
// AWS CLI as the client of `credential_process`: the template deploys, the role it creates is
// added and assumed, and `aws sts get-caller-identity` runs as the deployment's session.
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { roleSessionName } from '@providers/vending';
import {
  MOTO_ACCOUNT_ID,
  awsCli,
  awsJson,
  credentialProcessProfile,
  deployStack,
  motoSuite,
  type OnMoto,
} from '@providers/vending/testing';
import { workspace } from './support.js';

const instance = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' } as const;
const request = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod', '--region', 'us-east-1'];

interface Context extends OnMoto {
  ws: ReturnType<typeof workspace>;
  roleArn: string;
}

const onboarding = motoSuite<Context>('onboarding and credential_process on moto', 'the template deploys, the role is added, and the AWS CLI runs as the assumed session', (test, context) => {
  test.before(async () => {
    context.ws = workspace({ ...context.moto.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  });
  test.after(async () => {
    context.ws?.cleanup();
  });

  test('iam-template fills in the org’s external id and the vending account; the stack deploys on moto', async () => {
    const { moto, ws, home } = context;
    const printed = await ws.runAsync(['iam-template', '--org', 'acme']);
    assert.is(printed.code, 0, printed.stderr);
    const template = JSON.parse(printed.stdout) as { Outputs: { ExternalId: { Value: string } } };
    assert.ok(printed.stdout.includes(`arn:aws:iam::${MOTO_ACCOUNT_ID}:root`), 'trusts the account GetCallerIdentity names');
    const outputs = await deployStack(moto, home, 'acme-access', template);
    assert.match(outputs['RoleArn'] ?? '', new RegExp(`^arn:aws:iam::${MOTO_ACCOUNT_ID}:role/`));
    assert.is(outputs['ExternalId'], template.Outputs.ExternalId.Value);
    context.roleArn = outputs['RoleArn'] ?? '';

    const roleName = context.roleArn.split('/').pop() ?? '';
    const role = await awsJson<{ Role: { AssumeRolePolicyDocument: unknown } }>(moto, home, ['iam', 'get-role', '--role-name', roleName]);
    assert.ok(JSON.stringify(role.Role.AssumeRolePolicyDocument).includes(template.Outputs.ExternalId.Value), 'the trust policy requires the external id');
  });

  test('the role from the stack output is added without --external-id (the template’s is used), as default, and linked', async () => {
    const { ws } = context;
    const added = await ws.runAsync(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', context.roleArn, '--default', '--json']);
    assert.is(added.code, 0, added.stderr);
    const again = await ws.runAsync(['iam-template', '--org', 'acme', '--trusted-account', MOTO_ACCOUNT_ID, '--json']);
    const externalId = (JSON.parse(again.stdout) as { Outputs: { ExternalId: { Value: string } } }).Outputs.ExternalId.Value;
    assert.ok(added.stdout.includes(externalId), 'the provider sends the external id the deployed trust policy requires');
    const linked = await ws.runAsync(['--role', 'member', 'link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'api', '--stage', 'prod']);
    assert.is(linked.code, 0, linked.stderr);
    const byDefault = await ws.runAsync(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'web', '--stage', 'dev', '--json']);
    assert.is((JSON.parse(byDefault.stdout) as { source: string }).source, 'org-default');
  });

  test('credentials --format process carries Expiration; the AWS CLI runs as the assumed role and session', async () => {
    const { moto, ws, home } = context;
    const printed = await ws.runAsync(['credentials', ...request, '--format', 'process']);
    assert.is(printed.code, 0, printed.stderr);
    const process_ = JSON.parse(printed.stdout) as { Version: number; AccessKeyId: string; Expiration?: string };
    assert.is(process_.Version, 1);
    assert.match(process_.AccessKeyId, /^ASIA/);
    assert.ok(Date.parse(process_.Expiration ?? '') > Date.now(), 'Expiration lies ahead, so the AWS CLI calls again in time');

    credentialProcessProfile(home, 'acme-prod', [globalThis.process.execPath, ws.bin, 'credentials', ...request, '--format', 'process']);
    const identity = await awsJson<{ Arn: string; Account: string }>(moto, home, ['sts', 'get-caller-identity', '--profile', 'acme-prod'], {
      PROVIDERS_STORE: `sqlite:${join(ws.dir, '.providers/events.db')}`,
      PROVIDERS_ACTOR: 'alice',
    });
    const roleName = context.roleArn.split('/').pop() ?? '';
    assert.is(identity.Arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${roleName}/${roleSessionName(instance)}`);
    assert.is(identity.Account, MOTO_ACCOUNT_ID);
  });

  test('static keys of a moto IAM user are vended the same way, and the AWS CLI runs as that user', async () => {
    const { moto, ws, home } = context;
    await awsJson(moto, home, ['iam', 'create-user', '--user-name', 'ci-deployer']);
    const key = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(moto, home, ['iam', 'create-access-key', '--user-name', 'ci-deployer']);
    const env = { PROVIDERS_MASTER_KEY: (await ws.runAsync(['master-key', 'generate'])).stdout.trim() };
    const added = ws.run(
      ['add', '--org', 'acme', '--name', 'ci', '--type', 'aws', '--access-key-id', key.AccessKey.AccessKeyId, '--account-id', MOTO_ACCOUNT_ID, '--secret-access-key-stdin'],
      { input: key.AccessKey.SecretAccessKey, env },
    );
    assert.is(added.code, 0, added.stderr);
    assert.is(ws.run(['link', '--org', 'acme', '--provider', 'ci', '--app', 'app1', '--service', 'batch']).code, 0);
    const batch = ['--org', 'acme', '--app', 'app1', '--service', 'batch', '--stage', 'dev'];
    credentialProcessProfile(home, 'acme-batch', [globalThis.process.execPath, ws.bin, 'credentials', ...batch, '--format', 'process']);
    const identity = await awsJson<{ Arn: string }>(moto, home, ['sts', 'get-caller-identity', '--profile', 'acme-batch'], {
      ...env,
      PROVIDERS_STORE: `sqlite:${join(ws.dir, '.providers/events.db')}`,
    });
    assert.is(identity.Arn, `arn:aws:iam::${MOTO_ACCOUNT_ID}:user/ci-deployer`);
    const unknown = await awsCli(moto, home, ['sts', 'get-caller-identity', '--profile', 'acme-batch'], { PROVIDERS_STORE: 'memory:' });
    assert.is.not(unknown.code, 0, 'with no provider resolved the profile yields no credentials');
  });
});

onboarding.run();
