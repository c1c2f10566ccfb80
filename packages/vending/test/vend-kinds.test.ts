// Static keys and secret fields are unsealed through the injected unsealer; `none` falls back to the
// caller's own credentials only when allowed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejection } from '@providers/store/testing';
import { LocalCredentialsUnavailable, NoProviderResolved } from '../src/errors.js';
import { fakeSeal, instanceRequest, localIdentity, provider, withVending } from './support/fixtures.js';

const staticKeys = provider(
  { kind: 'aws-keys', accessKeyId: 'AKIASTATICKEYS000001', secretAccessKey: fakeSeal('static-secret-value', 'key-2024') },
  { accountId: '333333333333' },
);

test('static keys: the secret access key is unsealed as field secretAccessKey; no STS call', () =>
  withVending(staticKeys, {}, async (h) => {
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
  }));

const stripe = provider(
  { kind: 'secret', fields: { apiKey: fakeSeal('sk_live_123'), webhookSecret: fakeSeal('whsec_456') } },
  { id: 'prv-stripe', name: 'Stripe', type: 'stripe' },
);

test('secret fields: every field is unsealed under its own name', () =>
  withVending(stripe, {}, async (h) => {
    const result = await h.vendor.vend({ ...instanceRequest(1), type: 'stripe' });
    assert.equal(result, {
      kind: 'secret',
      fields: { apiKey: 'sk_live_123', webhookSecret: 'whsec_456' },
      provider: { id: 'prv-stripe', name: 'Stripe', type: 'stripe' },
      source: 'service',
    });
    assert.equal(h.unsealCalls.map((c) => c.field).sort(), ['apiKey', 'webhookSecret']);
    assert.is(h.resolveRequests[0]?.type, 'stripe');
  }));

test('none without the fallback → NoProviderResolved listing the scopes looked at', async () => {
  let localCalls = 0;
  const localCredentials = async () => {
    localCalls++;
    return localIdentity;
  };
  await withVending(null, { vendor: { localCredentials } }, async (h) => {
    const error = await rejection(h.vendor.vend(instanceRequest(1)), NoProviderResolved);
    assert.is(error._tag, 'NoProviderResolved');
    assert.equal(error.lookedAt.map((l) => l.scope), ['instance', 'stage', 'service', 'org-default']);
    assert.match(error.message, 'instance (shop/api/stage1/eu-west-1), stage (shop/api/stage1), service (shop/api), org-default (aws)');
    assert.match(error.hint, 'allow the fallback to local credentials');
    assert.is(localCalls, 0);
  });
});

/** A local chain that yields the caller's own identity. */
const localChain = { vendor: { localCredentials: async () => localIdentity } };

test('none with the fallback → the caller’s own credentials, source none, no provider', () =>
  withVending(null, localChain, async (h) => {
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
  }));

test('the fallback is only for AWS: a vendor type without provider is NoProviderResolved even when allowed', () =>
  withVending(null, localChain, async (h) => {
    const error = await rejection(h.vendor.vend({ ...instanceRequest(1), type: 'twilio', allowLocalFallback: true }), NoProviderResolved);
    assert.match(String(error), 'no twilio provider');
  }));

const failingChain = {
  vendor: {
    localCredentials: async () => {
      throw new Error('Could not load credentials from any providers');
    },
  },
};

test('a failing local chain → LocalCredentialsUnavailable', () =>
  withVending(null, failingChain, async (h) => {
    const error = await rejection(h.vendor.vend({ ...instanceRequest(1), allowLocalFallback: true }), LocalCredentialsUnavailable);
    assert.match(String(error), 'Could not load credentials');
  }));

test.run();
