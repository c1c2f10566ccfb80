// Static keys and secret fields are unsealed through the injected unsealer; `none` falls back to the
// caller's own credentials only when allowed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LocalCredentialsUnavailable, NoProviderResolved } from '../src/errors.js';
import { fakeSeal, instanceRequest, localIdentity, provider, startVending } from './support/fixtures.js';

test('static keys: the secret access key is unsealed as field secretAccessKey; no STS call', async () => {
  const h = await startVending(
    provider(
      { kind: 'aws-keys', accessKeyId: 'AKIASTATICKEYS000001', secretAccessKey: fakeSeal('static-secret-value', 'key-2024') },
      { accountId: '333333333333' },
    ),
  );
  try {
    const result = await h.vendor.vend(instanceRequest(1));
    assert.equal(result, {
      kind: 'aws',
      accessKeyId: 'AKIASTATICKEYS000001',
      secretAccessKey: 'static-secret-value',
      accountId: '333333333333',
      provider: { id: 'prv-1', name: 'Production AWS', type: 'aws' },
      source: 'service',
    });
    assert.equal(h.unsealCalls, [{ field: 'secretAccessKey', keyId: 'key-2024' }]);
    assert.is(h.server.calls(), 0);
  } finally {
    await h.close();
  }
});

test('secret fields: every field is unsealed under its own name', async () => {
  const h = await startVending(
    provider(
      { kind: 'secret', fields: { apiKey: fakeSeal('sk_live_123'), webhookSecret: fakeSeal('whsec_456') } },
      { id: 'prv-stripe', name: 'Stripe', type: 'stripe' },
    ),
  );
  try {
    const result = await h.vendor.vend({ ...instanceRequest(1), type: 'stripe' });
    assert.equal(result, {
      kind: 'secret',
      fields: { apiKey: 'sk_live_123', webhookSecret: 'whsec_456' },
      provider: { id: 'prv-stripe', name: 'Stripe', type: 'stripe' },
      source: 'service',
    });
    assert.equal(h.unsealCalls.map((c) => c.field).sort(), ['apiKey', 'webhookSecret']);
    assert.is(h.resolveRequests[0]?.type, 'stripe');
  } finally {
    await h.close();
  }
});

test('none without the fallback → NoProviderResolved listing the scopes looked at', async () => {
  let localCalls = 0;
  const h = await startVending(null, {
    vendor: {
      localCredentials: async () => {
        localCalls++;
        return localIdentity;
      },
    },
  });
  try {
    await h.vendor.vend(instanceRequest(1));
    assert.unreachable('vend should fail');
  } catch (error) {
    assert.instance(error, NoProviderResolved);
    if (!(error instanceof NoProviderResolved)) return;
    assert.is(error._tag, 'NoProviderResolved');
    assert.equal(error.lookedAt.map((l) => l.scope), ['instance', 'stage', 'service', 'org-default']);
    assert.match(error.message, 'instance (shop/api/stage1/eu-west-1), stage (shop/api/stage1), service (shop/api), org-default (aws)');
    assert.match(error.hint, 'allow the fallback to local credentials');
    assert.is(localCalls, 0);
  } finally {
    await h.close();
  }
});

test('none with the fallback → the caller’s own credentials, source none, no provider', async () => {
  const h = await startVending(null, { vendor: { localCredentials: async () => localIdentity } });
  try {
    const result = await h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true });
    assert.equal(result, {
      kind: 'aws',
      accessKeyId: localIdentity.accessKeyId,
      secretAccessKey: localIdentity.secretAccessKey,
      accountId: '222222222222',
      provider: null,
      source: 'none',
    });
    assert.is(h.server.calls(), 0);
  } finally {
    await h.close();
  }
});

test('the fallback is only for AWS: a vendor type without provider is NoProviderResolved even when allowed', async () => {
  const h = await startVending(null, { vendor: { localCredentials: async () => localIdentity } });
  try {
    await h.vendor.vend({ ...instanceRequest(1), type: 'twilio', allowLocalFallback: true });
    assert.unreachable('vend should fail');
  } catch (error) {
    assert.instance(error, NoProviderResolved);
    assert.match(String(error), 'no twilio provider');
  } finally {
    await h.close();
  }
});

test('a failing local chain → LocalCredentialsUnavailable', async () => {
  const h = await startVending(null, {
    vendor: {
      localCredentials: async () => {
        throw new Error('Could not load credentials from any providers');
      },
    },
  });
  try {
    await h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true });
    assert.unreachable('vend should fail');
  } catch (error) {
    assert.instance(error, LocalCredentialsUnavailable);
    assert.match(String(error), 'Could not load credentials');
  } finally {
    await h.close();
  }
});

test.run();
