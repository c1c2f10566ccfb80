// Adding a provider: who may, and the rules its id, name, credentials and account obey.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addProvider, added, addedStripe, admin, given, member, owner, roleCredentials, sealed, system, thenError, thenEvents } from './support.js';

const add = suite('AddProvider');

add('an admin adds an access-role provider; the account id is read from the ARN', () => {
  thenEvents(given(), addProvider(admin, 'p1', 'dev'), [added('p1', 'dev')]);
});

add('owners and the system actor may add providers too', () => {
  for (const actor of [owner, system]) thenEvents(given(), addProvider(actor, 'p1', 'dev'), [added('p1', 'dev')]);
});

add('a member may not add a provider', () => {
  const error = thenError(given(), addProvider(member, 'p1', 'dev'), 'PermissionDenied', 'actor.role');
  assert.ok(error.message.includes('member'));
});

add('names are unique regardless of case', () => {
  const error = thenError(given(added('p1', 'Prod')), addProvider(admin, 'p2', 'prod'), 'ProviderNameTaken', 'name');
  assert.is(error.takenBy, 'p1');
});

add('a name is free again once its provider is removed', () => {
  const state = given(added('p1', 'prod'), { type: 'ProviderRemoved', data: { providerId: 'p1' } });
  thenEvents(state, addProvider(admin, 'p2', 'PROD'), [added('p2', 'PROD')]);
});

add('a provider id is never reused, even after removal', () => {
  const state = given(added('p1', 'prod'), { type: 'ProviderRemoved', data: { providerId: 'p1' } });
  thenError(state, addProvider(admin, 'p1', 'other'), 'ProviderAlreadyExists', 'providerId');
});

add('static keys carry the account id the admin gives; the secret is sealed', () => {
  const credentials = { kind: 'aws-keys' as const, accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealed('acme/p1') };
  thenEvents(given(), addProvider(admin, 'p1', 'keys', { credentials, accountId: '123456789012' }), [
    { type: 'ProviderAdded', data: { providerId: 'p1', name: 'keys', type: 'aws', credentials, accountId: '123456789012' } },
  ]);
});

add('an account id that contradicts the role ARN is rejected', () => {
  thenError(given(), addProvider(admin, 'p1', 'dev', { accountId: '999999999999' }), 'InvalidInput', 'accountId');
});

add('vendors other than aws hold secret fields, and aws never does', () => {
  thenEvents(given(), addProvider(admin, 's1', 'payments', { providerType: 'stripe', credentials: { kind: 'secret', fields: { apiKey: sealed('acme/s1') } } }), [
    addedStripe('s1', 'payments'),
  ]);
  thenError(given(), addProvider(admin, 's1', 'payments', { providerType: 'stripe', credentials: roleCredentials() }), 'CredentialsDoNotFitType', 'credentials.kind');
  thenError(given(), addProvider(admin, 'a1', 'aws', { credentials: { kind: 'secret', fields: { apiKey: sealed() } } }), 'CredentialsDoNotFitType', 'credentials.kind');
});

add('an id that is another provider’s name, in any case, is refused: a reference must not mean two providers', () => {
  const error = thenError(given(added('p1', 'prod')), addProvider(admin, 'PROD', 'attacker'), 'ProviderAlreadyExists', 'providerId');
  assert.ok(error.message.includes('ambiguous'));
});

add('a name that is another provider’s id, in any case, is refused; a provider may carry its own id as its name', () => {
  const error = thenError(given(added('prod', 'production')), addProvider(admin, 'p2', 'Prod'), 'ProviderNameTaken', 'name');
  assert.is(error.takenBy, 'prod');
  thenEvents(given(), addProvider(admin, 'dev', 'dev'), [added('dev', 'dev')]);
});

add.run();
