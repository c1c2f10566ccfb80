// Resolution explains the account pins: the pins on the chain, the accounts they allow, and the check.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve, type DomainEvent } from '../src/index.js';
import { A, B, C, org, pinned, prodInstance, prodStage, service } from './pin-support.js';
import { PROD_ROLE_ARN, added, addedStripe, admin, given } from './support.js';

const stageLinked = (providerId: string): DomainEvent => ({ type: 'ProviderLinkedToInstance', data: { providerId, app: 'app1', service: 'api', stage: 'prod' } });
const target = { app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
const setBy = (position: number) => ({ actor: admin.id, at: '2026-01-01T00:00:00.000Z', position: String(position) });

const explain = suite('resolve: account pins');

explain('the pins on the chain, most specific first, each with the event that set it, and their intersection', () => {
  // added('dev') is in 111111111111 (A); PROD_ROLE_ARN is in 222222222222 (B).
  const state = given(added('dev', 'dev'), pinned(org, A, B, C), pinned(service, A, B), pinned(prodInstance, A), stageLinked('dev'));
  const answer = resolve(state, target);
  assert.equal(answer.pins, [
    { scope: 'instance', key: 'app1/api/prod/us-east-1', accountIds: [A], reason: 'deploys there', setBy: setBy(4) },
    { scope: 'service', key: 'app1/api', accountIds: [A, B], reason: 'deploys there', setBy: setBy(3) },
    { scope: 'org', key: 'org', accountIds: [A, B, C], reason: 'deploys there', setBy: setBy(2) },
  ]);
  assert.equal(answer.allowedAccountIds, [A]);
  assert.is(answer.accountCheck, 'passed');
});

explain('a pin on another region or stage is not on the chain', () => {
  const answer = resolve(given(added('dev', 'dev'), pinned(prodInstance, A), stageLinked('dev')), { ...target, region: 'eu-west-1' });
  assert.equal(answer.pins, []);
  assert.is(answer.allowedAccountIds, null);
  assert.is(answer.accountCheck, 'unpinned');
});

explain('pinned with nothing resolved: no provider, so whoever hands out local credentials must check them', () => {
  const answer = resolve(given(pinned(prodStage, A)), target);
  assert.is(answer.source, 'none');
  assert.is(answer.accountCheck, 'no-provider');
  assert.equal(answer.allowedAccountIds, [A]);
});

explain('a provider of another account that got past the rules resolves, and the check says refused', () => {
  const around: DomainEvent = { type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod' } };
  const answer = resolve(given(added('prod', 'prod', PROD_ROLE_ARN), pinned(prodStage, A), around), target);
  assert.is(answer.provider?.id, 'prod');
  assert.is(answer.accountCheck, 'refused');
});

explain('pins are about AWS accounts: another vendor’s answer is not checked', () => {
  const answer = resolve(given(addedStripe('pay', 'payments'), pinned(prodStage, A), stageLinked('pay')), { ...target, type: 'stripe' });
  assert.is(answer.provider?.id, 'pay');
  assert.is(answer.accountCheck, 'unpinned');
});

explain('a removed pin no longer binds', () => {
  const removed: DomainEvent = { type: 'AccountPinRemoved', data: { scope: prodStage, reason: 'gone' } };
  const answer = resolve(given(pinned(prodStage, B), removed), target);
  assert.equal(answer.pins, []);
  assert.is(answer.accountCheck, 'unpinned');
});

explain.run();
