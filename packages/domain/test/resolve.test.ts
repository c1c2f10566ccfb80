// Resolution as a function of org state: instance link > stage link > service link > org default > none,
// with the chain of every scope looked at and the event that set it.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve, validateResolveRequest, type DeploymentTarget, type DomainEvent, type OrgState, type ResolutionSource } from '../src/index.js';
import { PROD_ROLE_ARN, added, addedStripe, admin, given } from './support.js';

const serviceLink = (providerId: string, service = 'api'): DomainEvent => ({ type: 'ProviderLinkedToService', data: { providerId, app: 'app1', service } });
const stageLink = (providerId: string, stage = 'prod'): DomainEvent => ({ type: 'ProviderLinkedToInstance', data: { providerId, app: 'app1', service: 'api', stage } });
const instanceLink = (providerId: string, region = 'us-east-1'): DomainEvent => ({
  type: 'ProviderLinkedToInstance',
  data: { providerId, app: 'app1', service: 'api', stage: 'prod', region },
});
const orgDefault = (providerId: string, type = 'aws'): DomainEvent => ({ type: 'DefaultProviderSet', data: { providerId, type } });

const prodInstance = { app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
const providers = [added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), added('ops', 'ops'), added('edge', 'edge'), addedStripe('pay', 'payments')];
/** The org with its providers, then these events; `given` puts event i at position i + 1. */
const after = (...events: DomainEvent[]): OrgState => given(...providers, ...events);
const FIRST = providers.length + 1;
const setBy = (position: number) => ({ actor: admin.id, at: '2026-01-01T00:00:00.000Z', position: String(position) });

/** Then: the answer comes from this scope, with this provider. */
const thenAnswer = (state: OrgState, target: DeploymentTarget, source: ResolutionSource, providerId: string | null) => {
  const answer = resolve(state, target);
  assert.is(answer.source, source, JSON.stringify(target));
  assert.is(answer.provider?.id ?? null, providerId, JSON.stringify(target));
  return answer;
};

const precedence = suite('resolve: precedence');

precedence('an instance link wins over the stage, the service and the org default', () => {
  const answer = resolve(after(orgDefault('ops'), serviceLink('dev'), stageLink('edge'), instanceLink('prod')), prodInstance);
  assert.is(answer.source, 'instance');
  assert.is(answer.provider?.id, 'prod');
  assert.equal(
    answer.chain.map((l) => [l.scope, l.providerId]),
    [['instance', 'prod'], ['stage', 'edge'], ['service', 'dev'], ['org-default', 'ops']],
  );
});

precedence('a stage link wins over the service and the default, and covers every region of the stage', () => {
  const state = after(orgDefault('ops'), serviceLink('dev'), stageLink('edge'));
  for (const region of ['us-east-1', 'eu-west-1']) thenAnswer(state, { ...prodInstance, region }, 'stage', 'edge');
});

precedence('a regional link does not answer for another region: the stage and wider scopes do', () => {
  const answer = thenAnswer(after(serviceLink('dev'), instanceLink('prod', 'eu-west-1')), prodInstance, 'service', 'dev');
  assert.is(answer.chain[0]!.providerId, null);
});

precedence('a service link wins over the org default, for every stage', () => {
  const state = after(orgDefault('ops'), serviceLink('dev'));
  for (const stage of ['dev', 'prod']) thenAnswer(state, { ...prodInstance, stage }, 'service', 'dev');
});

precedence('the org default answers when nothing is linked to the deployment', () => {
  thenAnswer(after(orgDefault('ops'), serviceLink('dev', 'web')), prodInstance, 'org-default', 'ops');
});

precedence('with nothing linked and no default the answer is none, and every scope is in the chain', () => {
  const answer = resolve(after(), prodInstance);
  assert.equal(answer, {
    source: 'none',
    provider: null,
    chain: [
      { scope: 'instance', key: 'app1/api/prod/us-east-1', providerId: null, setBy: null },
      { scope: 'stage', key: 'app1/api/prod', providerId: null, setBy: null },
      { scope: 'service', key: 'app1/api', providerId: null, setBy: null },
      { scope: 'org-default', key: 'org/aws', providerId: null, setBy: null },
    ],
    pins: [],
    allowedAccountIds: null,
    accountCheck: 'unpinned',
  });
});

precedence('a request without a region looks at no instance scope', () => {
  const answer = resolve(after(instanceLink('prod'), stageLink('edge')), { app: 'app1', service: 'api', stage: 'prod' });
  assert.equal(answer.chain.map((l) => l.scope), ['stage', 'service', 'org-default']);
  assert.is(answer.provider?.id, 'edge');
});

precedence('only providers of the requested type answer; the type is aws unless said', () => {
  const state = after(serviceLink('pay'), orgDefault('pay', 'stripe'), stageLink('edge'));
  thenAnswer(state, prodInstance, 'stage', 'edge');
  const stripe = thenAnswer(state, { ...prodInstance, type: 'stripe' }, 'service', 'pay');
  assert.is(stripe.chain[3]!.key, 'org/stripe');
  assert.is(stripe.chain[3]!.providerId, 'pay');
});

precedence('after an unlink the next wider scope answers', () => {
  const state = after(serviceLink('dev'), instanceLink('prod'), {
    type: 'ProviderUnlinkedFromInstance',
    data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' },
  });
  assert.is(thenAnswer(state, prodInstance, 'service', 'dev').chain[0]!.providerId, null);
});

precedence('after the default is cleared nothing answers', () => {
  thenAnswer(after(orgDefault('ops'), { type: 'DefaultProviderCleared', data: { providerId: 'ops', type: 'aws' } }), prodInstance, 'none', null);
});

precedence('a scope that still names a provider no longer in the org is passed over, and shown', () => {
  const answer = thenAnswer(after(serviceLink('dev'), instanceLink('prod'), { type: 'ProviderRemoved', data: { providerId: 'prod' } }), prodInstance, 'service', 'dev');
  assert.is(answer.chain[0]!.providerId, 'prod');
});

precedence('the provider answered is the current one: renamed, with its new credentials and account', () => {
  const state = after(serviceLink('dev'), { type: 'ProviderRenamed', data: { providerId: 'dev', from: 'dev', to: 'development' } }, {
    type: 'ProviderCredentialsUpdated',
    data: { providerId: 'dev', credentials: { kind: 'aws-role', roleArn: PROD_ROLE_ARN, externalId: 'acme-external-id', sessionDurationSeconds: 3600 }, accountId: '222222222222' },
  });
  const { provider } = resolve(state, prodInstance);
  assert.is(provider?.name, 'development');
  assert.is(provider?.accountId, '222222222222');
  assert.is(provider?.credentials.kind === 'aws-role' && provider.credentials.roleArn, PROD_ROLE_ARN);
});

precedence.run();

const explanation = suite('resolve: who set each scope');

explanation('every scope that holds a provider says who set it, when, and at which position', () => {
  const answer = resolve(after(orgDefault('ops'), serviceLink('dev'), stageLink('edge'), instanceLink('prod')), prodInstance);
  assert.equal(answer.chain, [
    { scope: 'instance', key: 'app1/api/prod/us-east-1', providerId: 'prod', setBy: setBy(FIRST + 3) },
    { scope: 'stage', key: 'app1/api/prod', providerId: 'edge', setBy: setBy(FIRST + 2) },
    { scope: 'service', key: 'app1/api', providerId: 'dev', setBy: setBy(FIRST + 1) },
    { scope: 'org-default', key: 'org/aws', providerId: 'ops', setBy: setBy(FIRST) },
  ]);
});

explanation('a replaced link is explained by the event that replaced it', () => {
  const answer = resolve(after(serviceLink('dev'), { type: 'ProviderLinkedToService', data: { providerId: 'ops', app: 'app1', service: 'api', replacedProviderId: 'dev' } }), prodInstance);
  assert.equal(answer.chain[2], { scope: 'service', key: 'app1/api', providerId: 'ops', setBy: setBy(FIRST + 1) });
});

explanation('the state knows the position of the last event folded', () => {
  assert.is(after(serviceLink('dev')).position, BigInt(FIRST));
});

explanation.run();

const requests = suite('validateResolveRequest');

requests('a well-formed request is accepted as it is', () => {
  const request = { orgId: 'acme', ...prodInstance, type: 'aws' };
  assert.equal(validateResolveRequest(request), E.right(request));
});

requests('a field that breaks a rule of the commands is named', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ orgId: 'Acme Corp' }, 'orgId'],
    [{ app: 'app/1' }, 'app'],
    [{ service: '' }, 'service'],
    [{ stage: 'pro|d' }, 'stage'],
    [{ region: 'moon-1' }, 'region'],
    [{ type: 'AWS!' }, 'type'],
    [{ stage: undefined }, 'stage'],
  ];
  for (const [change, field] of cases) {
    const result = validateResolveRequest({ orgId: 'acme', ...prodInstance, ...change });
    if (E.isRight(result)) assert.unreachable(`${JSON.stringify(change)} was accepted`);
    else {
      assert.is(result.left._tag, 'InvalidInput');
      assert.is(result.left.field, field, result.left.message);
    }
  }
});

requests('region and type are optional', () => {
  assert.ok(E.isRight(validateResolveRequest({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod' })));
});

requests.run();
