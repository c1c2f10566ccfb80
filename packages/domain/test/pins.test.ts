// Account pins: an admin pins a scope to AWS accounts; the allowed set of a deployment is the
// intersection of the pins on its chain, and no pin may leave a scope no account.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { A, B, C, org, pinned, prodInstance, prodStage, service } from './pin-support.js';
import { admin, cmd, given, member, owner, thenError, thenEvents } from './support.js';

const pins = suite('Account pins');

pins('an admin pins a stage to accounts, kept sorted and each once, with leading zeros', () => {
  thenEvents(given(), cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [B, C, B], reason: 'prod is prod' }), [
    { type: 'AccountPinned', data: { scope: prodStage, accountIds: [C, B], reason: 'prod is prod' } },
  ]);
});

pins('every scope shape can be pinned: org, service, stage, instance', () => {
  for (const scope of [org, service, prodStage, prodInstance])
    thenEvents(given(), cmd(owner, { type: 'PinAccount', scope, accountIds: [A], reason: 'why' }), [
      { type: 'AccountPinned', data: { scope, accountIds: [A], reason: 'why' } },
    ]);
});

pins('pinning again with the same accounts and reason changes nothing; other accounts replace the pin', () => {
  const state = given(pinned(prodStage, A));
  thenEvents(state, cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [A], reason: 'deploys there' }), []);
  thenEvents(state, cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [A, B], reason: 'moving' }), [
    { type: 'AccountPinned', data: { scope: prodStage, accountIds: [A, B], reason: 'moving' } },
  ]);
});

pins('members may neither pin nor unpin', () => {
  thenError(given(), cmd(member, { type: 'PinAccount', scope: prodStage, accountIds: [A], reason: 'mine' }), 'PermissionDenied', 'actor.role');
  thenError(given(pinned(prodStage, A)), cmd(member, { type: 'RemoveAccountPin', scope: prodStage, reason: 'mine' }), 'PermissionDenied', 'actor.role');
});

pins('a pin that leaves its own scope no account (with the pins above it) is refused, naming them', () => {
  const error = thenError(given(pinned(org, A)), cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [B], reason: 'prod' }), 'AllowedAccountsEmpty', 'accountIds');
  assert.equal(error.scope, prodStage);
  assert.equal(error.pins, [{ scope: prodStage, accountIds: [B] }, { scope: org, accountIds: [A] }]);
  assert.match(error.message, A);
  assert.match(error.message, B);
});

pins('a pin that leaves a pinned scope within it no account is refused', () => {
  const error = thenError(given(pinned(prodInstance, B)), cmd(admin, { type: 'PinAccount', scope: service, accountIds: [A], reason: 'all of api' }), 'AllowedAccountsEmpty');
  assert.equal(error.scope, prodInstance);
});

pins('a pin that narrows without emptying is accepted: org allows A and B, the stage allows B', () => {
  thenEvents(given(pinned(org, A, B)), cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [B], reason: 'prod' }), [
    { type: 'AccountPinned', data: { scope: prodStage, accountIds: [B], reason: 'prod' } },
  ]);
});

pins('an admin removes a pin, with a reason; a scope with no pin has none to remove', () => {
  thenEvents(given(pinned(prodStage, A)), cmd(admin, { type: 'RemoveAccountPin', scope: prodStage, reason: 'stage retired' }), [
    { type: 'AccountPinRemoved', data: { scope: prodStage, reason: 'stage retired' } },
  ]);
  const error = thenError(given(pinned(prodStage, A)), cmd(admin, { type: 'RemoveAccountPin', scope: service, reason: 'oops' }), 'NoAccountPin', 'scope');
  assert.equal(error.scope, service);
});

pins('the same scope by another route is the same pin', () => {
  const state = given(pinned(prodStage, A));
  assert.is(state.pins.size, 1);
  thenEvents(state, cmd(admin, { type: 'RemoveAccountPin', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, reason: 'r' }), [
    { type: 'AccountPinRemoved', data: { scope: prodStage, reason: 'r' } },
  ]);
});

const bad = suite('Account pins: bad input names the field and appends nothing');

const pinWith = (fields: Record<string, unknown>) => cmd(admin, { type: 'PinAccount', scope: prodStage, accountIds: [A], reason: 'why', ...fields } as never);

bad('an account id that is not 12 digits', () => {
  for (const id of ['11111111111', '1111111111111', '11111111111a', ' 111111111111'])
    assert.match(thenError(given(), pinWith({ accountIds: [A, id] }), 'InvalidInput', 'accountIds.1').message, '12 digits');
});

bad('a JSON number that lost its leading zeros', () => {
  thenError(given(), pinWith({ accountIds: [12345678901] }), 'InvalidInput', 'accountIds.0');
  thenError(given(), pinWith({ accountIds: 111111111111 }), 'InvalidInput', 'accountIds');
});

bad('no account at all, or far too many', () => {
  thenError(given(), pinWith({ accountIds: [] }), 'InvalidInput', 'accountIds');
  thenError(given(), pinWith({ accountIds: Array.from({ length: 101 }, (_, i) => String(i).padStart(12, '0')) }), 'InvalidInput', 'accountIds');
});

bad('an empty reason, or none', () => {
  thenError(given(), pinWith({ reason: '' }), 'InvalidInput', 'reason');
  thenError(given(pinned(prodStage, A)), cmd(admin, { type: 'RemoveAccountPin', scope: prodStage } as never), 'InvalidInput', 'reason');
});

bad('a scope of an unknown kind, or a shape that is not its kind', () => {
  assert.match(thenError(given(), pinWith({ scope: { kind: 'region', region: 'us-east-1' } }), 'InvalidInput', 'scope.kind').message, 'org, service, stage, instance');
  // A stage sent as a service must not pin the whole service.
  thenError(given(), pinWith({ scope: { kind: 'service', app: 'app1', service: 'api', stage: 'prod' } }), 'InvalidInput', 'scope.stage');
  thenError(given(), pinWith({ scope: { kind: 'org', app: 'app1' } }), 'InvalidInput', 'scope.app');
  thenError(given(), pinWith({ scope: { kind: 'instance', app: 'app1', service: 'api', stage: 'prod' } }), 'InvalidInput', 'scope.region');
  thenError(given(), pinWith({ scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'pr od' } }), 'InvalidInput', 'scope.stage');
  thenError(given(), pinWith({ scope: 'org' }), 'InvalidInput', 'scope.kind');
});

pins.run();
bad.run();
