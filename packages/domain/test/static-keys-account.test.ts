// Static keys' account: observed by STS (GetCallerIdentity, signed with the keys) when the SDK asks,
// recorded with the keys and marked as observed; a declared account must match what was observed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DomainEvent } from '../src/index.js';
import { A, B, pinned, prodStage } from './pin-support.js';
import { admin, cmd, given, member, roleCredentials, sealed, thenError, thenEvents } from './support.js';

const keys = { kind: 'aws-keys' as const, accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealed('acme/keys') };
const newKeys = { kind: 'aws-keys' as const, accessKeyId: 'AKIAQRSTUVWXYZABCDEF', secretAccessKey: sealed('acme/keys', 'bmV3') };
const addKeys = (more: Record<string, unknown>) => cmd(admin, { type: 'AddProvider', providerId: 'keys', name: 'keys', providerType: 'aws', credentials: keys, ...more } as never);
const updateKeys = (more: Record<string, unknown>) => cmd(admin, { type: 'UpdateProviderCredentials', providerId: 'keys', credentials: newKeys, ...more } as never);
const keysAdded = (accountId?: string): DomainEvent => ({
  type: 'ProviderAdded',
  data: { providerId: 'keys', name: 'keys', type: 'aws', credentials: keys, ...(accountId ? { accountId } : {}) },
});
const linkedToProd: DomainEvent = { type: 'ProviderLinkedToInstance', data: { providerId: 'keys', app: 'app1', service: 'api', stage: 'prod' } };

const observed = suite('Static keys: the account is observed, not only declared');

observed('keys added with an observed account record it, marked as observed', () => {
  thenEvents(given(), addKeys({ observedAccountId: B }), [
    { type: 'ProviderAdded', data: { providerId: 'keys', name: 'keys', type: 'aws', credentials: keys, accountId: B, accountObserved: true } },
  ]);
});

observed('a declared account that agrees with the observed one is recorded as observed', () => {
  thenEvents(given(), addKeys({ accountId: B, observedAccountId: B }), [
    { type: 'ProviderAdded', data: { providerId: 'keys', name: 'keys', type: 'aws', credentials: keys, accountId: B, accountObserved: true } },
  ]);
});

observed('a declared account that differs from the observed one is refused, saying both; nothing is recorded', () => {
  const error = thenError(given(), addKeys({ accountId: A, observedAccountId: B }), 'AccountIdMismatch', 'accountId');
  assert.equal([error.declaredAccountId, error.observedAccountId], [A, B]);
  for (const part of [A, B, 'GetCallerIdentity']) assert.match(error.message, part);
  assert.not.match(error.message, keys.accessKeyId);
});

observed('new keys of another account than the declared one are refused the same way', () => {
  const error = thenError(given(keysAdded(A)), updateKeys({ accountId: A, observedAccountId: B }), 'AccountIdMismatch', 'accountId');
  assert.equal([error.declaredAccountId, error.observedAccountId], [A, B]);
});

observed('new keys record their observed account in place of the old one', () => {
  thenEvents(given(keysAdded(A)), updateKeys({ observedAccountId: B }), [
    { type: 'ProviderCredentialsUpdated', data: { providerId: 'keys', credentials: newKeys, accountId: B, accountObserved: true } },
  ]);
});

observed('keys declared without observation keep the declared account, unmarked (the SDK observes when configured to or pinned)', () => {
  thenEvents(given(), addKeys({ accountId: A }), [
    { type: 'ProviderAdded', data: { providerId: 'keys', name: 'keys', type: 'aws', credentials: keys, accountId: A } },
  ]);
});

observed('only static keys have an observed account: a role’s is in its ARN', () => {
  const role = cmd(admin, { type: 'AddProvider', providerId: 'r', name: 'r', providerType: 'aws', credentials: roleCredentials(), observedAccountId: B } as never);
  thenError(given(), role, 'InvalidInput', 'observedAccountId');
});

observed('new keys observed in another account than a pinned stage allows are refused where they serve it', () => {
  const state = given(keysAdded(A), pinned(prodStage, A), linkedToProd);
  const error = thenError(state, updateKeys({ observedAccountId: B }), 'AccountNotAllowed', 'credentials');
  assert.equal([error.accountId, error.pin.accountIds], [B, [A]]);
  thenEvents(state, updateKeys({ observedAccountId: A }), [
    { type: 'ProviderCredentialsUpdated', data: { providerId: 'keys', credentials: newKeys, accountId: A, accountObserved: true } },
  ]);
});

observed('keys whose account was never observed nor declared are refused at a pinned stage, saying how to make it known', () => {
  const error = thenError(given(keysAdded(), pinned(prodStage, A)), cmd(member, { type: 'LinkProviderToInstance', providerId: 'keys', app: 'app1', service: 'api', stage: 'prod' }), 'AccountNotAllowed');
  assert.is(error.accountId, null);
  assert.match(error.message, 'never observed');
});

observed.run();
