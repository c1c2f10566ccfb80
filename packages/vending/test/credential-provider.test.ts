// The AWS SDK credential provider: one vend per session however many callers, the same credentials
// while they are fresh, a new vend `renewBeforeSeconds` before expiry, and no failure remembered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialProviderFor, NotAwsCredentials } from '../src/credential-provider.js';
import type { VendRequest, VendResult } from '../src/vendor.js';
import { manualClock } from './support/fixtures.js';

const request: VendRequest = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
const provider = { id: 'prv-1', name: 'prod', type: 'aws' };

/** A vend that hands out a new session of `lifetimeMs` each call, counting the calls. */
const countingVend = (clock: () => number, lifetimeMs: number | undefined) => {
  const calls: VendRequest[] = [];
  const vend = async (received: VendRequest): Promise<VendResult> => {
    calls.push(received);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {
      kind: 'aws',
      accessKeyId: `ASIASESSION${String(calls.length).padStart(9, '0')}`,
      secretAccessKey: `secret-${calls.length}`,
      ...(lifetimeMs === undefined ? {} : { sessionToken: `token-${calls.length}`, expiration: new Date(clock() + lifetimeMs) }),
      provider,
      source: 'stage',
    };
  };
  return { vend, calls };
};

test('concurrent first calls share one vend, and later calls reuse its credentials while fresh', async () => {
  const clock = manualClock();
  const { vend, calls } = countingVend(clock.now, 3600_000);
  const credentials = credentialProviderFor(vend, request, { clock: clock.now });
  const first = await Promise.all(Array.from({ length: 50 }, () => credentials()));
  assert.is(calls.length, 1);
  assert.equal(calls[0], request);
  assert.is(new Set(first.map((c) => c.accessKeyId)).size, 1);
  clock.advance((3600 - 301) * 1000);
  assert.is((await credentials()).accessKeyId, first[0]?.accessKeyId);
  assert.is(calls.length, 1);
});

test('within the margin before expiry the provider vends again, once for concurrent callers', async () => {
  const clock = manualClock();
  const { vend, calls } = countingVend(clock.now, 3600_000);
  const credentials = credentialProviderFor(vend, request, { clock: clock.now, renewBeforeSeconds: 600 });
  const first = await credentials();
  clock.advance((3600 - 599) * 1000);
  const renewed = await Promise.all(Array.from({ length: 20 }, () => credentials()));
  assert.is(calls.length, 2);
  assert.is(new Set(renewed.map((c) => c.accessKeyId)).size, 1);
  assert.is.not(renewed[0]?.accessKeyId, first.accessKeyId);
  assert.ok((renewed[0]?.expiration?.getTime() ?? 0) > (first.expiration?.getTime() ?? 0));
});

test('static keys, which do not expire, are vended once', async () => {
  const clock = manualClock();
  const { vend, calls } = countingVend(clock.now, undefined);
  const credentials = credentialProviderFor(vend, request, { clock: clock.now });
  await credentials();
  clock.advance(30 * 24 * 3600_000);
  const later = await credentials();
  assert.is(calls.length, 1);
  assert.is(later.expiration, undefined);
});

test('a failed vend is not remembered: the next call vends again', async () => {
  let fail = true;
  const clock = manualClock();
  const { vend, calls } = countingVend(clock.now, 3600_000);
  const credentials = credentialProviderFor(async (r) => {
    if (fail) throw new Error('STS is down');
    return vend(r);
  }, request, { clock: clock.now });
  const failure = await credentials().then(() => undefined, (error: unknown) => error);
  assert.match(String(failure), 'STS is down');
  fail = false;
  assert.match((await credentials()).accessKeyId, /^ASIA/);
  assert.is(calls.length, 1);
});

test('a provider of secret fields is refused with a typed error', async () => {
  const credentials = credentialProviderFor(
    async () => ({ kind: 'secret', fields: { apiKey: 'sk_live_x' }, provider: { id: 'prv-2', name: 'pay', type: 'stripe' }, source: 'service' }),
    request,
  );
  try {
    await credentials();
    assert.unreachable('secret fields are not AWS credentials');
  } catch (error) {
    assert.instance(error, NotAwsCredentials);
    assert.not.match(String(error), 'sk_live_x');
  }
});

test.run();
