// Linking providers to services and instances, and the organization default.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROD_ROLE_ARN, added, addedStripe, admin, cmd, given, member, thenError, thenEvents } from './support.js';

const base = () => given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), addedStripe('pay', 'payments'));

const links = suite('Links');

links('a member links a provider to a service', () => {
  thenEvents(base(), cmd(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' }), [
    { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } },
  ]);
});

links('a member links a provider to an instance, with or without a region', () => {
  thenEvents(base(), cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' } },
  ]);
  thenEvents(base(), cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'prod' }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod' } },
  ]);
});

links('a second provider of the same type at the same scope is rejected without replace', () => {
  const state = given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), {
    type: 'ProviderLinkedToService',
    data: { providerId: 'dev', app: 'app1', service: 'api' },
  });
  const error = thenError(state, cmd(member, { type: 'LinkProviderToService', providerId: 'prod', app: 'app1', service: 'api' }), 'ScopeAlreadyLinked', 'replace');
  assert.is(error.linkedProviderId, 'dev');
  assert.equal(error.scope, { kind: 'service', app: 'app1', service: 'api' });
});

links('replace records the replacement', () => {
  const state = given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), {
    type: 'ProviderLinkedToInstance',
    data: { providerId: 'dev', app: 'app1', service: 'api', stage: 'prod' },
  });
  thenEvents(state, cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', replace: true }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', replacedProviderId: 'dev' } },
  ]);
});

links('providers of different types share a scope', () => {
  const state = given(added('dev', 'dev'), addedStripe('pay', 'payments'), {
    type: 'ProviderLinkedToService',
    data: { providerId: 'dev', app: 'app1', service: 'api' },
  });
  thenEvents(state, cmd(member, { type: 'LinkProviderToService', providerId: 'pay', app: 'app1', service: 'api' }), [
    { type: 'ProviderLinkedToService', data: { providerId: 'pay', app: 'app1', service: 'api' } },
  ]);
});

links('a stage-wide link and a regional instance link are different scopes', () => {
  const state = given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), {
    type: 'ProviderLinkedToInstance',
    data: { providerId: 'dev', app: 'app1', service: 'api', stage: 'prod' },
  });
  thenEvents(state, cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' } },
  ]);
});

links('linking what is already linked changes nothing', () => {
  const state = given(added('dev', 'dev'), { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } });
  thenEvents(state, cmd(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' }), []);
});

links('an unknown provider cannot be linked', () => {
  thenError(base(), cmd(member, { type: 'LinkProviderToService', providerId: 'ghost', app: 'app1', service: 'api' }), 'ProviderNotFound', 'providerId');
});

links('unlinking removes the provider of that type at that scope', () => {
  const state = given(added('dev', 'dev'), { type: 'ProviderLinkedToInstance', data: { providerId: 'dev', app: 'app1', service: 'api', stage: 'dev', region: 'us-east-1' } });
  thenEvents(state, cmd(member, { type: 'UnlinkProviderFromInstance', app: 'app1', service: 'api', stage: 'dev', region: 'us-east-1', providerType: 'aws' }), [
    { type: 'ProviderUnlinkedFromInstance', data: { providerId: 'dev', app: 'app1', service: 'api', stage: 'dev', region: 'us-east-1' } },
  ]);
});

links('unlinking where nothing is linked is rejected', () => {
  thenError(base(), cmd(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'api', providerType: 'aws' }), 'NothingLinked', 'providerType');
  const state = given(added('dev', 'dev'), { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } });
  thenError(state, cmd(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'api', providerType: 'stripe' }), 'NothingLinked');
});

links('after an unlink the scope is free for another provider', () => {
  const state = given(
    added('dev', 'dev'),
    added('prod', 'prod', PROD_ROLE_ARN),
    { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } },
    { type: 'ProviderUnlinkedFromService', data: { providerId: 'dev', app: 'app1', service: 'api' } },
  );
  thenEvents(state, cmd(member, { type: 'LinkProviderToService', providerId: 'prod', app: 'app1', service: 'api' }), [
    { type: 'ProviderLinkedToService', data: { providerId: 'prod', app: 'app1', service: 'api' } },
  ]);
});

links.run();

const defaults = suite('Organization default');

defaults('an admin sets the default for the provider’s type', () => {
  thenEvents(base(), cmd(admin, { type: 'SetDefaultProvider', providerId: 'dev' }), [{ type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } }]);
});

defaults('one default per type: setting another is refused without replace, naming the default by name', () => {
  const state = given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  const error = thenError(state, cmd(admin, { type: 'SetDefaultProvider', providerId: 'prod' }), 'DefaultAlreadySet', 'replace');
  assert.is(error.defaultProviderId, 'dev');
  assert.is(error.providerType, 'aws');
  assert.match(error.message, /default aws provider is "dev".*replace.*"prod"/);
});

defaults('with replace, setting another default replaces it, and says so', () => {
  const state = given(added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  thenEvents(state, cmd(admin, { type: 'SetDefaultProvider', providerId: 'prod', replace: true }), [
    { type: 'DefaultProviderSet', data: { providerId: 'prod', type: 'aws', replacedProviderId: 'dev' } },
  ]);
});

defaults('once the default is cleared (as removing its provider with force does), setting one needs no replace', () => {
  const state = given(
    added('dev', 'dev'),
    added('prod', 'prod', PROD_ROLE_ARN),
    { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } },
    { type: 'DefaultProviderCleared', data: { providerId: 'dev', type: 'aws' } },
  );
  thenEvents(state, cmd(admin, { type: 'SetDefaultProvider', providerId: 'prod' }), [{ type: 'DefaultProviderSet', data: { providerId: 'prod', type: 'aws' } }]);
});

defaults('defaults of different types coexist', () => {
  const state = given(added('dev', 'dev'), addedStripe('pay', 'payments'), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  thenEvents(state, cmd(admin, { type: 'SetDefaultProvider', providerId: 'pay' }), [{ type: 'DefaultProviderSet', data: { providerId: 'pay', type: 'stripe' } }]);
});

defaults('clearing the default of a type', () => {
  const state = given(added('dev', 'dev'), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  thenEvents(state, cmd(admin, { type: 'ClearDefaultProvider', providerType: 'aws' }), [{ type: 'DefaultProviderCleared', data: { providerId: 'dev', type: 'aws' } }]);
  thenError(base(), cmd(admin, { type: 'ClearDefaultProvider', providerType: 'aws' }), 'NoDefaultProvider', 'providerType');
});

defaults('only admins and owners set or clear the default', () => {
  thenError(base(), cmd(member, { type: 'SetDefaultProvider', providerId: 'dev' }), 'PermissionDenied', 'actor.role');
  const state = given(added('dev', 'dev'), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  thenError(state, cmd(member, { type: 'ClearDefaultProvider', providerType: 'aws' }), 'PermissionDenied', 'actor.role');
});

defaults('setting the provider that is already the default changes nothing', () => {
  const state = given(added('dev', 'dev'), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } });
  thenEvents(state, cmd(admin, { type: 'SetDefaultProvider', providerId: 'dev' }), []);
});

defaults.run();
