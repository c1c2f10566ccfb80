// Access roles through the real @aws-sdk/client-sts against the test STS endpoint over loopback.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createVendor } from '../src/vendor.js';
import { roleSessionName, sourceIdentityOf } from '../src/session-name.js';
import {
  externalId,
  fixedResolve,
  instanceRequest,
  recordingUnseal,
  roleArn,
  roleProvider,
  startVending,
  vendingIdentity,
} from './support/fixtures.js';
import { startStsServer } from '../src/testing/sts-server.js';

test('sends the role ARN, external id, session name, duration, tags and source identity, and parses the credentials', async () => {
  const h = await startVending(roleProvider(7200, { accountId: '123456789012' }));
  try {
    const result = await h.vendor.vend({ ...instanceRequest(1), actor: 'user:alice@example.com' });
    assert.is(h.server.calls('AssumeRole'), 1);
    const sent = h.server.requests.find((r) => r.action === 'AssumeRole');
    assert.ok(sent);
    assert.is(sent.params['Version'], '2011-06-15');
    assert.is(sent.params['RoleArn'], roleArn);
    assert.is(sent.params['ExternalId'], externalId);
    assert.is(sent.params['DurationSeconds'], '7200');
    assert.is(sent.params['RoleSessionName'], roleSessionName({ orgId: 'org-1', app: 'shop', service: 'api', stage: 'stage1', region: 'eu-west-1' }));
    assert.ok(sent.params['RoleSessionName']?.startsWith('shop.api.stage1.eu-west-1-'));
    assert.is(sent.params['SourceIdentity'], 'user_alice@example.com');
    assert.equal(sent.tags, [
      { key: 'org', value: 'org-1' },
      { key: 'app', value: 'shop' },
      { key: 'service', value: 'api' },
      { key: 'stage', value: 'stage1' },
      { key: 'region', value: 'eu-west-1' },
    ]);
    assert.is(sent.accessKeyId, vendingIdentity.accessKeyId);
    assert.is(sent.securityToken, vendingIdentity.sessionToken);
    assert.is(sent.region, 'eu-west-1');

    const issued = h.server.issued[0];
    assert.ok(issued);
    assert.is(result.kind, 'aws');
    if (result.kind !== 'aws') return;
    assert.is(result.accessKeyId, issued.accessKeyId);
    assert.is(result.secretAccessKey, issued.secretAccessKey);
    assert.is(result.sessionToken, issued.sessionToken);
    assert.is(result.expiration?.getTime(), issued.expiration.getTime());
    assert.is(result.accountId, '123456789012');
    assert.equal(result.provider, { id: 'prv-1', name: 'Production AWS', type: 'aws' });
    assert.is(result.source, 'service');
    assert.is(result.session?.durationSeconds, 7200);
    assert.is(result.session?.clampedFrom, undefined);
    assert.is(result.session?.assumedRoleArn, `arn:aws:sts::123456789012:assumed-role/ProvidersAccess/${sent.params['RoleSessionName']}`);
    assert.is(result.session?.sourceIdentity, 'user_alice@example.com');
  } finally {
    await h.close();
  }
});

test('without an actor no SourceIdentity is sent; without a region no region tag; account id comes from the ARN', async () => {
  const h = await startVending(roleProvider());
  try {
    const result = await h.vendor.vend({ orgId: 'org-1', app: 'shop', service: 'web', stage: 'prod' });
    const sent = h.server.requests[0];
    assert.ok(sent);
    assert.is(sent.params['SourceIdentity'], undefined);
    assert.equal(sent.tags.map((t) => t.key), ['org', 'app', 'service', 'stage']);
    assert.ok(sent.params['RoleSessionName']?.startsWith('shop.web.prod-'));
    assert.is(result.kind === 'aws' && result.accountId, '123456789012');
    assert.equal(h.resolveRequests, [{ orgId: 'org-1', app: 'shop', service: 'web', stage: 'prod', type: 'aws' }]);
  } finally {
    await h.close();
  }
});

test('tag values are sanitized to the STS charset and 256 characters; long actors fit 64 characters', async () => {
  const h = await startVending(roleProvider());
  try {
    const longStage = `st${'é'.repeat(300)}`;
    const actor = `service-account:${'x'.repeat(100)}`;
    await h.vendor.vend({ orgId: 'org#1 (eu)', app: 'shop', service: 'api*', stage: longStage, actor });
    const sent = h.server.requests[0];
    assert.ok(sent);
    const tags = Object.fromEntries(sent.tags.map((t) => [t.key, t.value]));
    assert.is(tags['org'], 'org_1 _eu_');
    assert.is(tags['service'], 'api_');
    assert.is(tags['stage'], `st${'é'.repeat(254)}`);
    assert.is(sent.params['SourceIdentity'], sourceIdentityOf(actor));
    assert.is(sent.params['SourceIdentity']?.length, 64);
    assert.match(sent.params['RoleSessionName'] ?? '', /^[\w+=,.@-]{2,64}$/);
  } finally {
    await h.close();
  }
});

test('role chaining: a vending identity that is a role session gets the duration clamped to 3600 s, and says so', async () => {
  const h = await startVending(roleProvider(43200), {
    server: { callerArn: 'arn:aws:sts::111111111111:assumed-role/VendingRole/ci-runner' },
  });
  try {
    const result = await h.vendor.vend(instanceRequest(1));
    const assume = h.server.requests.find((r) => r.action === 'AssumeRole');
    assert.is(assume?.params['DurationSeconds'], '3600');
    assert.ok(result.kind === 'aws');
    if (result.kind !== 'aws') return;
    assert.is(result.session?.durationSeconds, 3600);
    assert.is(result.session?.clampedFrom, 43200);
    await h.vendor.vend(instanceRequest(2));
    assert.is(h.server.calls('GetCallerIdentity'), 1, 'the caller identity is asked once per vendor');
  } finally {
    await h.close();
  }
});

test('an IAM user as vending identity keeps the long duration', async () => {
  const h = await startVending(roleProvider(43200), { server: { callerArn: 'arn:aws:iam::111111111111:user/vending' } });
  try {
    const result = await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.requests.find((r) => r.action === 'AssumeRole')?.params['DurationSeconds'], '43200');
    assert.is(result.kind === 'aws' && result.session?.clampedFrom, undefined);
  } finally {
    await h.close();
  }
});

test('durations up to 3600 s never ask who the vending identity is', async () => {
  const h = await startVending(roleProvider(3600), { server: { callerArn: 'arn:aws:sts::111111111111:assumed-role/VendingRole/x' } });
  try {
    await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('GetCallerIdentity'), 0);
  } finally {
    await h.close();
  }
});

test('AWS_ENDPOINT_URL_STS is honoured by the SDK when no endpoint is configured', async () => {
  const server = await startStsServer();
  const previous = process.env['AWS_ENDPOINT_URL_STS'];
  process.env['AWS_ENDPOINT_URL_STS'] = server.url;
  const { resolve } = fixedResolve(roleProvider());
  const vendor = createVendor({
    resolve,
    unseal: recordingUnseal().unseal,
    sts: { region: 'us-west-2', credentials: async () => vendingIdentity },
  });
  try {
    await vendor.vend(instanceRequest(1));
    assert.is(server.calls('AssumeRole'), 1);
    assert.is(server.requests[0]?.region, 'us-west-2');
  } finally {
    if (previous === undefined) delete process.env['AWS_ENDPOINT_URL_STS'];
    else process.env['AWS_ENDPOINT_URL_STS'] = previous;
    vendor.close();
    await server.close();
  }
});

test('the test endpoint refuses requests without a well-formed SigV4 Authorization header', async () => {
  const server = await startStsServer();
  try {
    const post = (headers: Record<string, string>) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'Action=AssumeRole&Version=2011-06-15',
      });
    const missing = await post({});
    assert.is(missing.status, 403);
    assert.match(await missing.text(), '<Code>MissingAuthenticationToken</Code>');
    const malformed = await post({ authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc' });
    assert.is(malformed.status, 403);
    assert.match(await malformed.text(), '<Code>IncompleteSignature</Code>');
    assert.is(server.calls(), 0);
  } finally {
    await server.close();
  }
});

// Against real AWS only when asked: PROVIDERS_TEST_ROLE_ARN (and PROVIDERS_TEST_EXTERNAL_ID) name a
// role the machine's default AWS identity may assume; the STS region comes from AWS_REGION.
const realRoleArn = process.env['PROVIDERS_TEST_ROLE_ARN'];
if (realRoleArn === undefined || realRoleArn === '') {
  console.log('real AWS test skipped: set PROVIDERS_TEST_ROLE_ARN (and PROVIDERS_TEST_EXTERNAL_ID) to run it against STS');
  test.skip('real AWS: assumes the role through STS', () => {});
} else {
  test('real AWS: assumes the role through STS with tags, source identity and the external id', async () => {
    const role = { kind: 'aws-role' as const, roleArn: realRoleArn, externalId: process.env['PROVIDERS_TEST_EXTERNAL_ID'] ?? 'providers-test', sessionDurationSeconds: 900 };
    const { resolve } = fixedResolve(roleProvider(900, { credentials: role }));
    const vendor = createVendor({ resolve, unseal: recordingUnseal().unseal, sts: { deadlineMs: 30_000 } });
    try {
      const result = await vendor.vend({ orgId: 'providers-test', app: 'vending', service: 'real-aws', stage: 'test', actor: 'providers-test' });
      assert.is(result.kind, 'aws');
      if (result.kind !== 'aws') return;
      assert.match(result.accessKeyId, /^ASIA/);
      assert.ok(result.sessionToken);
      assert.ok((result.expiration?.getTime() ?? 0) > Date.now());
      assert.match(result.session?.assumedRoleArn ?? '', ':assumed-role/');
    } finally {
      vendor.close();
    }
  });
}

test.run();
