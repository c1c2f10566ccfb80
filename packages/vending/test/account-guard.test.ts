// The account guard at vend time, fail closed: a pinned deployment gets credentials only when the
// account they act in is allowed, checked before STS (the role ARN), after STS (the assumed-role
// ARN), for static keys (the observed account) and for local fallback credentials (their caller
// identity). A withheld attempt hands out nothing, says expected vs seen, and is on record.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore } from '@providers/store';
import { rejection } from '@providers/store/testing';
import { CredentialsWithheld } from '../src/account-check.js';
import { createIssuanceLog } from '../src/issuance-log.js';
import { expectedIssuance, fakeSeal, instanceRequest, knownSecrets, localIdentity, placeless, provider, roleProvider, secretsIn, startVending } from './support/fixtures.js';

// roleArn is in 123456789012; localIdentity says 222222222222.
const ROLE_ACCOUNT = '123456789012';
const OTHER = '999999999999';

const withheld = (vend: Promise<unknown>): Promise<CredentialsWithheld> => rejection(vend, CredentialsWithheld);

test('a role in an account the pins allow is assumed and handed out', async () => {
  const h = await startVending(roleProvider(), { allowedAccountIds: [OTHER, ROLE_ACCOUNT] });
  try {
    const result = await h.vendor.vend(instanceRequest(1));
    assert.is(result.kind, 'aws');
    assert.is(h.server.calls('AssumeRole'), 1);
  } finally {
    await h.close();
  }
});

test('a role whose ARN is in another account is withheld before any STS call, and the attempt is on record', async () => {
  const log = createIssuanceLog(new MemoryEventStore());
  const h = await startVending(roleProvider(), { allowedAccountIds: [OTHER], vendor: { issuance: log, client: 'cli' } });
  try {
    const error = await withheld(h.vendor.vend({ ...instanceRequest(1), actor: 'alice' }));
    assert.equal([error.check, error.expectedAccountIds, error.seenAccountId, error.providerId], ['role-arn', [OTHER], ROLE_ACCOUNT, 'prv-1']);
    assert.match(error.message, `expected an account in ${OTHER}, saw account ${ROLE_ACCOUNT}`);
    assert.is(h.server.requests.length, 0, 'STS was never asked');
    const [record, ...more] = await log.read('org-1');
    assert.is(more.length, 0);
    assert.equal(
      placeless(record),
      expectedIssuance({ accountId: ROLE_ACCOUNT, kind: 'withheld', withheld: { check: 'role-arn', expectedAccountIds: [OTHER], reason: error.message } }),
    );
  } finally {
    await h.close();
  }
});

test('an assumed-role session STS reports in another account is withheld after STS, never handed out', async () => {
  const h = await startVending(roleProvider(), { allowedAccountIds: [ROLE_ACCOUNT] });
  try {
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    h.server.failNext({
      status: 200,
      body:
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
        `<AssumedRoleUser><Arn>arn:aws:sts::${OTHER}:assumed-role/ProvidersAccess/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser>` +
        `<Credentials><AccessKeyId>ASIAWRONGACCOUNT0001</AccessKeyId><SecretAccessKey>wrongAccountSecret/DoNotLeak+0123456789ab</SecretAccessKey>` +
        `<SessionToken>wrongAccountToken</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        '</AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>',
    });
    const error = await withheld(h.vendor.vend(instanceRequest(1)));
    assert.equal([error.check, error.seenAccountId], ['assumed-role', OTHER]);
    assert.equal(secretsIn(`${error.message} ${JSON.stringify(error)}`, ['wrongAccountSecret/DoNotLeak+0123456789ab', 'wrongAccountToken', ...knownSecrets(h.server)]), []);
    // The session stays withheld when it comes from the cache.
    assert.is((await withheld(h.vendor.vend(instanceRequest(1)))).check, 'assumed-role');
  } finally {
    await h.close();
  }
});

test('static keys are handed out only when their observed account is allowed; keys of a declared or no known account never', async () => {
  const keys = { kind: 'aws-keys' as const, accessKeyId: 'AKIAKEYSPROVIDER0001', secretAccessKey: fakeSeal('keysSecret/DoNotLeak+0123456789abcdefghij') };
  for (const [accountId, observed, allowed, handedOut, seen, says] of [
    ['111111111111', true, ['111111111111'], true, null, null],
    ['111111111111', false, ['111111111111'], false, null, 'account 111111111111 was declared, never observed'],
    ['111111111111', true, [OTHER], false, '111111111111', null],
    [undefined, false, [OTHER], false, null, 'never observed'],
  ] as const) {
    const recorded = accountId ? { accountId, ...(observed ? { accountObserved: true as const } : {}) } : {};
    const h = await startVending(provider(keys, recorded), { allowedAccountIds: allowed });
    try {
      if (handedOut) assert.is((await h.vendor.vend(instanceRequest(1))).kind, 'aws');
      else {
        const error = await withheld(h.vendor.vend(instanceRequest(1)));
        assert.equal([error.check, error.seenAccountId], ['static-keys', seen]);
        assert.equal(h.unsealCalls, [], 'the secret was never even opened');
        assert.not.match(error.message, 'keysSecret');
        if (says !== null) assert.match(error.message, says, 'says how the account becomes known');
      }
    } finally {
      await h.close();
    }
  }
});

test('local fallback credentials for a pinned deployment are asked who they are, and withheld in another account', async () => {
  const h = await startVending(null, { allowedAccountIds: [OTHER], vendor: { localCredentials: async () => localIdentity } });
  try {
    h.server.setCallerArn('arn:aws:iam::222222222222:user/deployer');
    const error = await withheld(h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true }));
    assert.equal([error.check, error.seenAccountId, error.providerId], ['local-fallback', '222222222222', null]);
    const identity = h.server.requests.find((r) => r.action === 'GetCallerIdentity');
    assert.is(identity?.accessKeyId, localIdentity.accessKeyId, 'asked with the local credentials themselves');
    h.server.setCallerArn(`arn:aws:iam::${OTHER}:user/deployer`);
    const result = await h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true });
    assert.equal([result.kind, result.kind === 'aws' && result.accountId], ['aws', OTHER]);
  } finally {
    await h.close();
  }
});

test('a GetCallerIdentity that fails during the check withholds the credentials and says why', async () => {
  const h = await startVending(null, { allowedAccountIds: [OTHER], vendor: { localCredentials: async () => localIdentity } });
  try {
    h.server.failNext({ error: 'AccessDenied', message: 'not allowed to ask' });
    const error = await withheld(h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true }));
    assert.is(error.seenAccountId, null);
    assert.match(error.message, 'GetCallerIdentity failed');
  } finally {
    await h.close();
  }
});

test('an unpinned deployment is not checked: no extra STS call for local credentials', async () => {
  const h = await startVending(null, { vendor: { localCredentials: async () => localIdentity } });
  try {
    await h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true });
    assert.is(h.server.requests.length, 0);
  } finally {
    await h.close();
  }
});

test.run();
