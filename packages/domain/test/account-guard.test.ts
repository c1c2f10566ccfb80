// The account guard at link time: no command may make a pinned scope resolve to a provider of
// another account, whether it links, replaces, sets the default, unlinks, rotates, removes or pins.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve, type DomainEvent } from '../src/index.js';
import { A, B, org, pinned, prodInstance, prodStage, service } from './pin-support.js';
import { addedStripe, admin, cmd, given, member, roleCredentials, sealed, thenError, thenEvents } from './support.js';

const roleIn = (account: string) => `arn:aws:iam::${account}:role/deploy`;
const addedIn = (providerId: string, account: string): DomainEvent => ({
  type: 'ProviderAdded',
  data: { providerId, name: providerId, type: 'aws', credentials: roleCredentials(roleIn(account)), accountId: account },
});
/** Static keys with no account, an account only declared, or one STS observed (`observed`). */
const keysIn = (providerId: string, account?: string, observed = false): DomainEvent => ({
  type: 'ProviderAdded',
  data: {
    providerId,
    name: providerId,
    type: 'aws',
    credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealed(`acme/${providerId}`) },
    ...(account ? { accountId: account } : {}),
    ...(account && observed ? { accountObserved: true as const } : {}),
  },
});
const stageLinked = (providerId: string, stage = 'prod'): DomainEvent => ({ type: 'ProviderLinkedToInstance', data: { providerId, app: 'app1', service: 'api', stage } });
const serviceLinked = (providerId: string): DomainEvent => ({ type: 'ProviderLinkedToService', data: { providerId, app: 'app1', service: 'api' } });
const defaultSet = (providerId: string): DomainEvent => ({ type: 'DefaultProviderSet', data: { providerId, type: 'aws' } });

const linkStage = (providerId: string, more: Record<string, unknown> = {}) =>
  cmd(member, { type: 'LinkProviderToInstance', providerId, app: 'app1', service: 'api', stage: 'prod', ...more } as never);

const providers = [addedIn('in-a', A), addedIn('in-b', B)];

const guard = suite('Account guard at link time');

guard('pin prod to A, link a role in B to prod: refused, naming the scope, the pin, the provider and its account', () => {
  const error = thenError(given(...providers, pinned(prodStage, A)), linkStage('in-b'), 'AccountNotAllowed', 'providerId');
  assert.equal(error.scope, { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' });
  assert.equal(error.pin, { scope: prodStage, accountIds: [A] });
  assert.is(error.providerId, 'in-b');
  assert.is(error.providerName, 'in-b');
  assert.is(error.accountId, B);
  for (const part of ['app1/api/prod', A, B, '"in-b"']) assert.match(error.message, part);
});

guard('a role in the pinned account links', () => {
  thenEvents(given(...providers, pinned(prodStage, A)), linkStage('in-a'), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'in-a', app: 'app1', service: 'api', stage: 'prod' } },
  ]);
});

guard('the allowed cross-account case: org allows A and B, the stage allows B, a role in B is delivered', () => {
  const state = given(...providers, pinned(org, A, B), pinned(prodStage, B));
  thenEvents(state, linkStage('in-b'), [{ type: 'ProviderLinkedToInstance', data: { providerId: 'in-b', app: 'app1', service: 'api', stage: 'prod' } }]);
  thenError(state, linkStage('in-a'), 'AccountNotAllowed');
});

guard('replacing a pinned stage’s link with a provider of another account is refused', () => {
  const error = thenError(given(...providers, stageLinked('in-a'), pinned(prodStage, A)), linkStage('in-b', { replace: true }), 'AccountNotAllowed', 'providerId');
  assert.is(error.accountId, B);
});

guard('an org default in B while a pinned stage would inherit it is refused', () => {
  const error = thenError(given(...providers, pinned(prodStage, A)), cmd(admin, { type: 'SetDefaultProvider', providerId: 'in-b' }), 'AccountNotAllowed', 'providerId');
  assert.equal(error.scope, { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' });
  assert.match(error.message, 'org-default');
});

guard('an org default in B is accepted when no pinned scope inherits it', () => {
  thenEvents(given(...providers, stageLinked('in-a'), pinned(prodStage, A)), cmd(admin, { type: 'SetDefaultProvider', providerId: 'in-b' }), [
    { type: 'DefaultProviderSet', data: { providerId: 'in-b', type: 'aws' } },
  ]);
});

guard('an org pin binds the org default itself', () => {
  thenError(given(...providers, pinned(org, A)), cmd(admin, { type: 'SetDefaultProvider', providerId: 'in-b' }), 'AccountNotAllowed');
});

guard('a service link a pinned stage would inherit is refused; a pinned instance inherits its stage link', () => {
  thenError(given(...providers, pinned(prodStage, A)), cmd(member, { type: 'LinkProviderToService', providerId: 'in-b', app: 'app1', service: 'api' }), 'AccountNotAllowed');
  const error = thenError(given(...providers, pinned(prodInstance, A)), linkStage('in-b'), 'AccountNotAllowed');
  assert.equal(error.scope, { kind: 'instance', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' });
});

guard('a regional link under a pinned stage is checked against the stage’s pin', () => {
  thenError(given(...providers, pinned(prodStage, A)), linkStage('in-b', { region: 'eu-west-1' }), 'AccountNotAllowed');
});

guard('another stage of the service is not bound by the prod pin', () => {
  thenEvents(given(...providers, pinned(prodStage, A)), cmd(member, { type: 'LinkProviderToInstance', providerId: 'in-b', app: 'app1', service: 'api', stage: 'dev' }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'in-b', app: 'app1', service: 'api', stage: 'dev' } },
  ]);
});

guard('a pin set after a conflicting link is refused', () => {
  const error = thenError(given(...providers, stageLinked('in-b')), cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [A], reason: 'prod' }), 'AccountNotAllowed', 'accountIds');
  assert.is(error.providerId, 'in-b');
  assert.is(error.accountId, B);
});

guard('a pin on a scope that inherits a conflicting org default is refused', () => {
  thenError(given(...providers, defaultSet('in-b')), cmd(admin, { type: 'PinAccount', scope: service, accountIds: [A], reason: 'api' }), 'AccountNotAllowed', 'accountIds');
});

guard('new credentials in another account for a provider a pinned scope uses are refused', () => {
  const state = given(...providers, stageLinked('in-a'), pinned(prodStage, A));
  const error = thenError(state, cmd(admin, { type: 'UpdateProviderCredentials', providerId: 'in-a', credentials: roleCredentials(roleIn(B)) }), 'AccountNotAllowed', 'credentials');
  assert.is(error.accountId, B);
  thenEvents(state, cmd(admin, { type: 'UpdateProviderCredentials', providerId: 'in-a', credentials: roleCredentials('arn:aws:iam::111111111111:role/other') }), [
    { type: 'ProviderCredentialsUpdated', data: { providerId: 'in-a', credentials: roleCredentials('arn:aws:iam::111111111111:role/other'), accountId: A } },
  ]);
});

guard('an unlink that would make a pinned stage fall back to a provider of another account is refused', () => {
  const state = given(...providers, serviceLinked('in-b'), stageLinked('in-a'), pinned(prodStage, A));
  thenError(state, cmd(member, { type: 'UnlinkProviderFromInstance', app: 'app1', service: 'api', stage: 'prod', providerType: 'aws' }), 'AccountNotAllowed', 'providerType');
});

guard('a forced removal that would make a pinned stage fall back to another account is refused', () => {
  const state = given(...providers, defaultSet('in-b'), stageLinked('in-a'), pinned(prodStage, A));
  thenError(state, cmd(admin, { type: 'RemoveProvider', providerId: 'in-a', force: true }), 'AccountNotAllowed', 'force');
});

guard('a local-credentials link at a pinned stage is accepted; unlinking it onto a provider of another account is refused', () => {
  const local: DomainEvent = { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'prod' } };
  thenEvents(given(...providers, serviceLinked('in-b'), pinned(prodStage, A)), cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'prod', providerType: 'aws' }), [local]);
  const state = given(...providers, local, serviceLinked('in-b'), pinned(prodStage, A));
  assert.is(resolve(state, { app: 'app1', service: 'api', stage: 'prod' }).accountCheck, 'no-provider');
  thenError(state, cmd(member, { type: 'UnlinkProviderFromInstance', app: 'app1', service: 'api', stage: 'prod', providerType: 'aws' }), 'AccountNotAllowed', 'providerType');
});

guard('static keys of an account that is not known never serve a pinned scope; keys STS observed in the pinned account do', () => {
  const error = thenError(given(keysIn('keys'), pinned(prodStage, A)), linkStage('keys'), 'AccountNotAllowed');
  assert.is(error.accountId, null);
  assert.match(error.message, 'never observed');
  thenEvents(given(keysIn('keys', A, true), pinned(prodStage, A)), linkStage('keys'), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'keys', app: 'app1', service: 'api', stage: 'prod' } },
  ]);
});

guard('static keys whose account was only declared count as an account not known where a pin applies, even the pinned one', () => {
  const error = thenError(given(keysIn('keys', A), pinned(prodStage, A)), linkStage('keys'), 'AccountNotAllowed', 'providerId');
  assert.is(error.accountId, null);
  assert.match(error.message, `its static keys’ account ${A} was declared, never observed`);
  assert.match(error.message, 'GetCallerIdentity');
  // Where no pin applies the declared account is taken as said.
  thenEvents(given(keysIn('keys', A), pinned(prodStage, A)), linkStage('keys', { stage: 'dev' }), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'keys', app: 'app1', service: 'api', stage: 'dev' } },
  ]);
});

guard('a pin over declared-only keys already linked is refused; resolve reports such keys as refused by the check', () => {
  const linked = given(keysIn('keys', A), stageLinked('keys'));
  const error = thenError(linked, cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [A], reason: 'prod' } as never), 'AccountNotAllowed', 'accountIds');
  assert.match(error.message, 'declared, never observed');
  const around = given(keysIn('keys', A), stageLinked('keys'), pinned(prodStage, A));
  assert.is(resolve(around, { app: 'app1', service: 'api', stage: 'prod' }).accountCheck, 'refused');
  const observed = given(keysIn('keys', A, true), stageLinked('keys'), pinned(prodStage, A));
  assert.is(resolve(observed, { app: 'app1', service: 'api', stage: 'prod' }).accountCheck, 'passed');
});

guard('new credentials bring their own account evidence: keys observed, then updated with a declared account only, are no longer trusted', () => {
  const updated: DomainEvent = {
    type: 'ProviderCredentialsUpdated',
    data: { providerId: 'keys', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAQRSTUVWXYZABCDEF', secretAccessKey: sealed('acme/keys') }, accountId: A },
  };
  const state = given(keysIn('keys', A, true), updated, pinned(prodStage, A));
  thenError(state, linkStage('keys'), 'AccountNotAllowed');
});

guard('a role’s account is read from its ARN, whatever else was recorded', () => {
  const mislabelled: DomainEvent = { type: 'ProviderAdded', data: { providerId: 'odd', name: 'odd', type: 'aws', credentials: roleCredentials(roleIn(B)), accountId: A } };
  thenError(given(mislabelled, pinned(prodStage, A)), linkStage('odd'), 'AccountNotAllowed');
});

guard('pins bind AWS accounts only: other vendors link as before', () => {
  thenEvents(given(addedStripe('pay', 'payments'), pinned(prodStage, A)), linkStage('pay'), [
    { type: 'ProviderLinkedToInstance', data: { providerId: 'pay', app: 'app1', service: 'api', stage: 'prod' } },
  ]);
});

guard('a conflict written around the rules is not blamed on an unrelated command, and resolve reports it', () => {
  const around: DomainEvent = { type: 'ProviderCredentialsUpdated', data: { providerId: 'in-a', credentials: roleCredentials(roleIn(B)) } };
  const state = given(...providers, stageLinked('in-a'), pinned(prodStage, A), around);
  thenEvents(state, cmd(member, { type: 'LinkProviderToService', providerId: 'in-b', app: 'app1', service: 'web' }), [
    { type: 'ProviderLinkedToService', data: { providerId: 'in-b', app: 'app1', service: 'web' } },
  ]);
  assert.is(resolve(state, { app: 'app1', service: 'api', stage: 'prod' }).accountCheck, 'refused');
});

guard.run();
