// `providers credentials` and `iam-template` through the real binary, against the wire-level test STS endpoint.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromProcess } from '@aws-sdk/credential-providers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { workspace } from './support.js';

const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const creds = suite('providers credentials');
const vendingIdentity = {
  AWS_ACCESS_KEY_ID: 'AKIAVENDINGIDENTITY1',
  AWS_SECRET_ACCESS_KEY: 'vendingSecretKeyForTestsOnly000000000000',
  AWS_REGION: 'us-east-1',
};
const ws = workspace(vendingIdentity);
let sts: StsServer;
let env: Record<string, string>;

creds.before(async () => {
  sts = await startStsServer();
  env = { AWS_ENDPOINT_URL_STS: sts.url };
  const add = ws.run(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', ROLE, '--external-id', 'acme-ext-1']);
  assert.is(add.code, 0, add.stderr);
  assert.is(ws.run(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'api', '--stage', 'prod']).code, 0);
});
creds.after(async () => {
  await sts.close();
  ws.cleanup();
});

const request = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod', '--region', 'us-east-1'];

creds('env exports assume the linked role with its external id, session name and tags', async () => {
  const r = await ws.runAsync(['credentials', ...request, '--format', 'env'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^export AWS_ACCESS_KEY_ID='ASIA/m);
  assert.match(r.stdout, /^export AWS_SESSION_TOKEN='/m);
  const sent = sts.requests.find((q) => q.params['Action'] === 'AssumeRole');
  assert.is(sent?.params['RoleArn'], ROLE);
  assert.is(sent?.params['ExternalId'], 'acme-ext-1');
  assert.ok((sent?.params['RoleSessionName'] ?? '').length <= 64);
  assert.is(r.stderr, '', 'nothing on stderr: the SDK’s Node 20 warning stays out');
});

creds('--format process is accepted by the AWS SDK’s fromProcess provider', async () => {
  const config = join(ws.dir, 'aws-config');
  const command = [process.execPath, ws.bin, 'credentials', ...request, '--format', 'process'].map((a) => `"${a}"`).join(' ');
  writeFileSync(config, `[profile acme-prod]\ncredential_process = ${command}\n`);
  const saved = { ...process.env };
  Object.assign(process.env, vendingIdentity, env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(ws.dir, 'none') });
  process.env.PROVIDERS_ACTOR = 'alice';
  try {
    process.chdir(ws.dir);
    const loaded = await fromProcess({ profile: 'acme-prod' })();
    assert.match(loaded.accessKeyId, /^ASIA/);
    assert.ok(loaded.sessionToken);
    assert.ok(loaded.expiration instanceof Date);
  } finally {
    process.env = saved;
  }
});

creds('no provider resolved: a typed error naming the scopes, exit 1; the local fallback only when allowed', async () => {
  const r = await ws.runAsync(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'other', '--stage', 'dev', '--json'], { env });
  assert.is(r.code, 1, r.stderr);
  assert.is(JSON.parse(r.stderr).error._tag, 'NoProviderResolved');
  const fallback = await ws.runAsync(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'other', '--stage', 'dev', '--allow-local-fallback', '--format', 'json'], { env });
  assert.is(fallback.code, 0, fallback.stderr);
  assert.is(fallback.json<{ accessKeyId: string }>().accessKeyId, 'AKIAVENDINGIDENTITY1');
});

creds('iam-template: a CloudFormation role trusting the vending account with the external id', () => {
  const r = ws.run(['iam-template', '--trusted-account', '999999999999', '--external-id', 'acme-ext-1']);
  assert.is(r.code, 0, r.stderr);
  const text = r.stdout;
  assert.ok(text.includes('arn:aws:iam::999999999999:root'));
  assert.ok(text.includes('sts:ExternalId') && text.includes('acme-ext-1'));
  assert.is(ws.run(['iam-template', '--trusted-account', '99', '--external-id', 'acme-ext-1']).code, 1);
});

creds.run();
