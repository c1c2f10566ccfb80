// Sessions are shared per instance (single-flight), reused until the refresh window, never shared
// between instances, and failures are not remembered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RoleAssumptionDenied } from '../src/errors.js';
import type { VendResult } from '../src/vendor.js';
import { instanceRequest, roleProvider, startVending } from './support/fixtures.js';

const accessKeyOf = (result: VendResult): string => (result.kind === 'aws' ? result.accessKeyId : 'not aws');

test('1,000 concurrent vends for 10 instances of one role make exactly 10 STS calls', async () => {
  const h = await startVending(roleProvider());
  h.server.setLatency(20);
  try {
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => h.vendor.vend(instanceRequest(i % 10))));
    assert.is(h.server.calls('AssumeRole'), 10);
    const sessionNames = new Set(h.server.requests.map((r) => r.params['RoleSessionName']));
    assert.is(sessionNames.size, 10, 'one session per instance');
    for (let instance = 0; instance < 10; instance++) {
      const keys = new Set(results.filter((_, i) => i % 10 === instance).map(accessKeyOf));
      assert.is(keys.size, 1, `instance ${instance} got one session`);
    }
    assert.is(new Set(results.map(accessKeyOf)).size, 10, 'no two instances share a session');
  } finally {
    await h.close();
  }
});

test('cached credentials are reused until the refresh window before expiry, then renewed', async () => {
  const h = await startVending(roleProvider(3600), { vendor: { refreshWindowSeconds: 300 } });
  try {
    const first = await h.vendor.vend(instanceRequest(1));
    h.clock.advance((3600 - 301) * 1000);
    const stillCached = await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 1);
    assert.is(accessKeyOf(stillCached), accessKeyOf(first));
    h.clock.advance(2000);
    const renewed = await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 2);
    assert.is.not(accessKeyOf(renewed), accessKeyOf(first));
  } finally {
    await h.close();
  }
});

test('credentials that live shorter than the refresh window are never cached', async () => {
  const h = await startVending(roleProvider(3600), { server: { credentialLifetimeSeconds: 120 }, vendor: { refreshWindowSeconds: 300 } });
  try {
    await h.vendor.vend(instanceRequest(1));
    await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 2);
  } finally {
    await h.close();
  }
});

test('a failed call is not cached: the next vend calls STS again', async () => {
  const h = await startVending(roleProvider());
  try {
    h.server.failNext({ error: 'AccessDenied' });
    const concurrent = await Promise.allSettled([h.vendor.vend(instanceRequest(1)), h.vendor.vend(instanceRequest(1))]);
    assert.equal(concurrent.map((r) => r.status), ['rejected', 'rejected']);
    assert.instance((concurrent[0] as PromiseRejectedResult).reason, RoleAssumptionDenied);
    assert.is(h.server.calls('AssumeRole'), 1, 'the concurrent callers shared the failing call');
    const result = await h.vendor.vend(instanceRequest(1));
    assert.is(h.server.calls('AssumeRole'), 2);
    assert.is(result.kind, 'aws');
  } finally {
    await h.close();
  }
});

test('instances differing only by region, or by org, get different sessions', async () => {
  const h = await startVending(roleProvider());
  try {
    const a = await h.vendor.vend(instanceRequest(1, { region: 'eu-west-1' }));
    const b = await h.vendor.vend(instanceRequest(1, { region: 'us-east-1' }));
    const c = await h.vendor.vend({ ...instanceRequest(1, { region: 'eu-west-1' }), orgId: 'org-2' });
    const d = await h.vendor.vend({ orgId: 'org-1', app: 'shop', service: 'api', stage: 'stage1' });
    assert.is(h.server.calls('AssumeRole'), 4);
    assert.is(new Set([a, b, c, d].map(accessKeyOf)).size, 4);
    assert.is(new Set(h.server.requests.map((r) => r.params['RoleSessionName'])).size, 4);
  } finally {
    await h.close();
  }
});

test('a session minted for one actor is not handed to another (its SourceIdentity names the first)', async () => {
  const h = await startVending(roleProvider());
  try {
    await h.vendor.vend(instanceRequest(1, { actor: 'alice' }));
    await h.vendor.vend(instanceRequest(1, { actor: 'alice' }));
    await h.vendor.vend(instanceRequest(1, { actor: 'bob' }));
    assert.is(h.server.calls('AssumeRole'), 2);
    assert.equal(h.server.requests.map((r) => r.params['SourceIdentity']), ['alice', 'bob']);
  } finally {
    await h.close();
  }
});

test.run();
