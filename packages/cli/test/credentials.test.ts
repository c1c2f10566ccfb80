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

creds('iam-template: the org’s external id and, by default, the vending account from GetCallerIdentity', async () => {
  const r = await ws.runAsync(['iam-template', '--org', 'acme'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('arn:aws:iam::111111111111:root'), 'the test endpoint’s caller account is trusted');
  // The org's own generated id: an id an admin typed for one role stays that role's.
  assert.ok(r.stdout.includes('sts:ExternalId') && /"acme-[0-9a-f]{32}"/.test(r.stdout), 'the org’s external id');
  assert.not.ok(r.stdout.includes('acme-ext-1'), 'a role’s own typed external id became the org’s');
  const explicit = ws.run(['iam-template', '--org', 'acme', '--trusted-account', '999999999999']);
  assert.is(explicit.code, 0, explicit.stderr);
  assert.ok(explicit.stdout.includes('arn:aws:iam::999999999999:root'));
  assert.is(ws.run(['iam-template', '--org', 'acme', '--trusted-account', '99']).code, 1);
});

creds('iam-template for an org with no provider yet: an external id generated once, then the same every time', () => {
  const first = ws.run(['iam-template', '--org', 'newco', '--trusted-account', '999999999999', '--json']);
  assert.is(first.code, 0, first.stderr);
  const idOf = (text: string) => (JSON.parse(text) as { Outputs: { ExternalId: { Value: string } } }).Outputs.ExternalId.Value;
  const externalId = idOf(first.stdout);
  assert.match(externalId, /^newco-[0-9a-f]{32}$/);
  assert.is(idOf(ws.run(['iam-template', '--org', 'newco', '--trusted-account', '999999999999']).stdout), externalId);
  const added = ws.run(['add', '--org', 'newco', '--name', 'prod', '--type', 'aws', '--role-arn', ROLE, '--json']);
  assert.is(added.code, 0, added.stderr);
  assert.ok(added.stdout.includes(externalId), 'a role added without --external-id uses the template’s');
});

creds('iam-template --help names every template parameter that has no default', () => {
  const help = ws.run(['iam-template', '--help']);
  const template = ws.run(['iam-template', '--org', 'acme', '--trusted-account', '999999999999']).json<{ Parameters: Record<string, { Default?: string }> }>();
  const required = Object.entries(template.Parameters).filter(([, p]) => p.Default === undefined).map(([name]) => name);
  assert.ok(required.length > 0);
  for (const name of required) assert.ok(help.stdout.includes(name), `--help names ${name}`);
});

creds('a vending identity that is a role session: the 3600 s cap of role chaining is reported on stderr', async () => {
  assert.is(ws.run(['add', '--org', 'acme', '--name', 'long', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/long', '--session-duration', '7200']).code, 0);
  assert.is(ws.run(['link', '--org', 'acme', '--provider', 'long', '--app', 'app1', '--service', 'batch']).code, 0);
  sts.setCallerArn('arn:aws:sts::111111111111:assumed-role/vending/i-0abc');
  try {
    const r = await ws.runAsync(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'batch', '--stage', 'dev', '--format', 'process'], { env });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, 'STS caps role chaining at 3600 s: this session lasts 3600 s, not the provider\'s 7200 s');
    assert.is(JSON.parse(r.stdout).Version, 1, 'stdout stays the credential_process object');
  } finally {
    sts.setCallerArn('arn:aws:iam::111111111111:user/vending');
  }
});

creds('a malformed AWS_ENDPOINT_URL_STS is a usage error naming the variable, not a network error', async () => {
  const r = await ws.runAsync(['credentials', ...request, '--json'], { env: { AWS_ENDPOINT_URL_STS: 'not a url' } });
  assert.is(r.code, 2, r.stderr);
  const error = JSON.parse(r.stderr).error as { _tag: string; message: string; field: string };
  assert.is(error._tag, 'StsEndpointInvalid');
  assert.is(error.field, 'AWS_ENDPOINT_URL_STS');
});

creds.run();
