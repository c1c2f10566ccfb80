// STS failures become typed errors with hints; transient ones are retried within a deadline.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspect } from 'node:util';
import { rejection } from '@providers/store/testing';
import {
  RoleAssumptionDenied,
  StsRequestRejected,
  StsResponseMalformed,
  StsUnavailable,
  VendingCredentialsInvalid,
  isVendingError,
} from '../src/errors.js';
import { externalId, instanceRequest, knownSecrets, roleArn, roleProvider, secretsIn, startVending, withVending } from './support/fixtures.js';
import type { InjectedReply } from '../src/testing/sts-server.js';

/** Vends once with the endpoint answering `replies` first; returns the thrown error (or fails). */
const failureOf = async (replies: InjectedReply[], sts: { maxAttempts?: number; deadlineMs?: number } = {}) => {
  const h = await startVending(roleProvider(), { sts });
  h.server.failNext(...replies);
  try {
    await h.vendor.vend(instanceRequest(1));
  } catch (error) {
    const leaked = secretsIn(`${String(error)} ${inspect(error, { depth: 5, showHidden: true })}`, knownSecrets(h.server));
    assert.equal(leaked, [], 'no secret in the error');
    return { error, calls: h.server.calls('AssumeRole'), close: h.close };
  }
  await h.close();
  throw new Error('vend should have failed');
};

test('AccessDenied → RoleAssumptionDenied naming the role ARN and the external id in the hint', async () => {
  const { error, calls, close } = await failureOf([{ error: 'AccessDenied', message: 'User: arn:aws:iam::111111111111:user/vending is not authorized' }]);
  await close();
  assert.instance(error, RoleAssumptionDenied);
  if (!(error instanceof RoleAssumptionDenied)) return;
  assert.is(error._tag, 'RoleAssumptionDenied');
  assert.is(error.roleArn, roleArn);
  assert.is(error.externalId, externalId);
  assert.match(error.hint, 'trust policy');
  assert.match(error.hint, roleArn);
  assert.match(error.hint, `sts:ExternalId = "${externalId}"`);
  assert.match(error.message, 'is not authorized');
  assert.is(calls, 1, 'not retried');
});

test('RegionDisabledException → VendingCredentialsInvalid with a hint about activating the region', async () => {
  const { error, close } = await failureOf([{ error: 'RegionDisabledException' }]);
  await close();
  assert.instance(error, VendingCredentialsInvalid);
  if (!(error instanceof VendingCredentialsInvalid)) return;
  assert.is(error.code, 'RegionDisabledException');
  assert.match(error.hint, 'eu-west-1');
  assert.match(error.hint, 'activate');
});

for (const code of ['ExpiredToken', 'InvalidClientTokenId'] as const) {
  test(`${code} → VendingCredentialsInvalid (the vending identity's own credentials)`, async () => {
    const { error, calls, close } = await failureOf([{ error: code }]);
    await close();
    assert.instance(error, VendingCredentialsInvalid);
    if (!(error instanceof VendingCredentialsInvalid)) return;
    assert.is(error._tag, 'VendingCredentialsInvalid');
    assert.is(error.code, code);
    assert.match(error.hint, 'credentials vending runs with');
    assert.is(calls, 1);
  });
}

for (const code of ['ValidationError', 'MalformedPolicyDocument', 'PackedPolicyTooLarge'] as const) {
  test(`${code} → StsRequestRejected, not retried`, async () => {
    const { error, calls, close } = await failureOf([{ error: code }]);
    await close();
    assert.instance(error, StsRequestRejected);
    if (!(error instanceof StsRequestRejected)) return;
    assert.is(error.code, code);
    assert.is(error.roleArn, roleArn);
    assert.ok(error.hint.length > 0);
    assert.is(calls, 1);
  });
}

test('throttling is retried with backoff, then succeeds', () =>
  withVending(roleProvider(), {}, async (h) => {
    h.server.failNext({ error: 'Throttling' }, { error: 'Throttling' });
    const result = await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 3);
    assert.is(result.kind === 'aws' && result.accessKeyId, h.server.issued[0]?.accessKeyId);
  }));

test('5xx (with an error document or an HTML page) is retried, then succeeds', () =>
  withVending(roleProvider(), {}, async (h) => {
    h.server.failNext({ error: 'ServiceUnavailable' }, { status: 502, body: '<html>Bad gateway</html>' }, { error: 'InternalFailure' });
    await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 4);
  }));

test('retries stop at maxAttempts → StsUnavailable saying what went wrong last', async () => {
  const { error, calls, close } = await failureOf([{ error: 'Throttling' }, { error: 'Throttling' }, { error: 'Throttling' }], { maxAttempts: 3 });
  await close();
  assert.instance(error, StsUnavailable);
  if (!(error instanceof StsUnavailable)) return;
  assert.is(error.attempts, 3);
  assert.match(error.lastProblem, 'Throttling');
  assert.is(calls, 3);
});

test('an endpoint slower than the deadline → StsUnavailable', () =>
  withVending(roleProvider(), { sts: { deadlineMs: 150 } }, async (h) => {
    h.server.setLatency(400);
    const error = await rejection(h.vendor.vend(instanceRequest(1)), StsUnavailable);
    assert.match(String(error), 'no answer within 150 ms');
  }));

test('a network error (nothing listening) is retried, then StsUnavailable', () =>
  withVending(roleProvider(), { sts: { endpoint: 'http://127.0.0.1:9', maxAttempts: 2 } }, async (h) => {
    const error = await rejection(h.vendor.vend(instanceRequest(1)), StsUnavailable);
    assert.is(error.attempts, 2);
    assert.match(error.lastProblem, 'ECONNREFUSED');
  }));

test('a malformed XML reply → StsResponseMalformed, which never repeats the body', async () => {
  const { error, calls, close } = await failureOf([{ malformed: true }]);
  await close();
  assert.instance(error, StsResponseMalformed);
  assert.ok(isVendingError(error));
  if (!(error instanceof StsResponseMalformed)) return;
  assert.is(error.action, 'AssumeRole');
  assert.match(error.message, 'XML parse error');
  assert.match(error.hint, 'AWS_ENDPOINT_URL_STS');
  assert.is(calls, 1);
});

test('a well-formed reply without credentials → StsResponseMalformed', async () => {
  const { error, close } = await failureOf([
    { status: 200, body: '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>' },
  ]);
  await close();
  assert.instance(error, StsResponseMalformed);
  assert.match(String(error), 'no complete Credentials');
});

const unloadableIdentity = {
  sts: {
    credentials: async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    },
  },
};

test('a vending identity that cannot be loaded → VendingCredentialsInvalid', () =>
  withVending(roleProvider(), unloadableIdentity, async (h) => {
    await rejection(h.vendor.vend(instanceRequest(1)), VendingCredentialsInvalid);
    assert.is(h.server.calls(), 0);
  }));

test.run();
