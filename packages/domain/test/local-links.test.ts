// Local-credentials links: "the deployer's own credentials here, on purpose", at a service, a stage or an
// instance, for a provider type. Set, replaced and unlinked like provider links, by members too.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve, type DomainEvent } from '@providers/domain';
import { deciderSpecification } from '@providers/domain/testing';
import { PROD_ROLE_ARN, added, addedStripe, admin, cmd, given, member } from './support.js';

const spec = deciderSpecification();
const providers = [added('dev', 'dev'), added('prod', 'prod', PROD_ROLE_ARN), addedStripe('pay', 'payments')];

const localAtService: DomainEvent = { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api' } };
const localAtStage: DomainEvent = { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa' } };
const localAtInstance: DomainEvent = { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1' } };
const devAtService: DomainEvent = { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } };
const devAtStage: DomainEvent = { type: 'ProviderLinkedToInstance', data: { providerId: 'dev', app: 'app1', service: 'api', stage: 'qa' } };

const linking = suite('Local-credentials links: linking');

linking('a member sets local credentials at a service, a stage or an instance', () => {
  spec.given(...providers).when(cmd(member, { type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'aws' })).then([localAtService]);
  spec.given(...providers).when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' })).then([localAtStage]);
  spec
    .given(...providers)
    .when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1', providerType: 'aws' }))
    .then([localAtInstance]);
});

linking('setting local credentials where they are set already changes nothing', () => {
  spec.given(...providers, localAtStage).when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' })).thenNothing();
});

linking('a provider linked at the scope is not replaced without replace', () => {
  const error = spec
    .given(...providers, devAtStage)
    .when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' }))
    .thenRejected('ScopeAlreadyLinked', 'replace');
  assert.is(error.linkedProviderId, 'dev');
  assert.match(error.message, /--replace\) to use local credentials instead/);
});

linking('with replace, local credentials replace the provider, and say which', () => {
  spec
    .given(...providers, devAtService)
    .when(cmd(member, { type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'aws', replace: true }))
    .then([{ type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', replacedProviderId: 'dev' } }]);
});

linking('a provider is not linked where local credentials are set, without replace', () => {
  const error = spec
    .given(...providers, localAtStage)
    .when(cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'qa' }))
    .thenRejected('ScopeUsesLocalCredentials', 'replace');
  assert.equal(error.scope, { kind: 'stage', app: 'app1', service: 'api', stage: 'qa' });
  assert.match(error.message, /stage app1\/api\/qa deploys with local credentials for aws on purpose/);
});

linking('with replace, a provider replaces local credentials, and says so', () => {
  spec
    .given(...providers, localAtService)
    .when(cmd(member, { type: 'LinkProviderToService', providerId: 'prod', app: 'app1', service: 'api', replace: true }))
    .then([{ type: 'ProviderLinkedToService', data: { providerId: 'prod', app: 'app1', service: 'api', replacedLocalCredentials: true } }]);
  spec
    .given(...providers, localAtInstance)
    .when(cmd(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1', replace: true }))
    .then([{ type: 'ProviderLinkedToInstance', data: { providerId: 'prod', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1', replacedLocalCredentials: true } }]);
});

linking('local credentials are per type: a stripe provider still links where aws uses local credentials', () => {
  spec
    .given(...providers, localAtService)
    .when(cmd(member, { type: 'LinkProviderToService', providerId: 'pay', app: 'app1', service: 'api' }))
    .then([{ type: 'ProviderLinkedToService', data: { providerId: 'pay', app: 'app1', service: 'api' } }]);
});

linking('a stage-wide local link and a regional one are different scopes', () => {
  spec
    .given(...providers, localAtStage)
    .when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1', providerType: 'aws' }))
    .then([localAtInstance]);
});

linking('bad input names the field and the rule, and decides nothing', () => {
  const error = spec
    .given(...providers)
    .when(cmd(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', region: 'mars-1', providerType: 'aws' }))
    .thenRejected('InvalidInput', 'region');
  assert.ok(error.rule.length > 0);
  spec.given(...providers).when(cmd(member, { type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'AWS!' })).thenRejected('InvalidInput', 'providerType');
});

linking.run();

const unlinking = suite('Local-credentials links: unlinking');

unlinking('unlink removes local credentials at that scope, by the same commands as a provider link', () => {
  spec
    .given(...providers, localAtService)
    .when(cmd(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'api', providerType: 'aws' }))
    .then([{ type: 'LocalCredentialsUnlinked', data: { type: 'aws', app: 'app1', service: 'api' } }]);
  spec
    .given(...providers, localAtInstance)
    .when(cmd(member, { type: 'UnlinkProviderFromInstance', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1', providerType: 'aws' }))
    .then([{ type: 'LocalCredentialsUnlinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa', region: 'eu-west-1' } }]);
});

unlinking('after an unlink the scope is free: a provider links without replace', () => {
  const unlinked: DomainEvent = { type: 'LocalCredentialsUnlinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa' } };
  spec
    .given(...providers, localAtStage, unlinked)
    .when(cmd(member, { type: 'LinkProviderToInstance', providerId: 'dev', app: 'app1', service: 'api', stage: 'qa' }))
    .then([devAtStage]);
  spec.given(...providers, localAtStage, unlinked).when(cmd(member, { type: 'UnlinkProviderFromInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' })).thenRejected('NothingLinked', 'providerType');
});

unlinking('a provider that was replaced by local credentials is no longer in use there', () => {
  const replaced: DomainEvent = { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', replacedProviderId: 'dev' } };
  spec.given(...providers, devAtService, replaced).when(cmd(admin, { type: 'RemoveProvider', providerId: 'dev' })).then([{ type: 'ProviderRemoved', data: { providerId: 'dev' } }]);
});

unlinking('removing a provider with force releases its links and leaves local credentials where they are', () => {
  spec
    .given(...providers, localAtStage, devAtService)
    .when(cmd(admin, { type: 'RemoveProvider', providerId: 'dev', force: true }))
    .then([
      { type: 'ProviderUnlinkedFromService', data: { providerId: 'dev', app: 'app1', service: 'api' } },
      { type: 'ProviderRemoved', data: { providerId: 'dev' } },
    ]);
});

unlinking.run();

const resolving = suite('Local-credentials links: resolution');

const qa = { app: 'app1', service: 'api', stage: 'qa' };

resolving('a local link answers at its scope with no provider, and says so', () => {
  const answer = resolve(given(...providers, { type: 'DefaultProviderSet', data: { providerId: 'prod', type: 'aws' } }, devAtService, localAtStage), qa);
  assert.is(answer.source, 'stage');
  assert.is(answer.provider, null);
  assert.is(answer.local, true);
  assert.equal(
    answer.chain.map(({ scope, providerId, local }) => [scope, providerId, local ?? false]),
    [['stage', null, true], ['service', 'dev', false], ['org-default', 'prod', false]],
  );
  assert.equal(answer.chain[0]!.setBy, { actor: admin.id, at: '2026-01-01T00:00:00.000Z', position: '6' });
});

resolving('a broader link does not reach past a local link, and a narrower link wins over it', () => {
  const state = given(...providers, localAtService, devAtStage);
  assert.equal([resolve(state, qa).source, resolve(state, qa).provider?.id], ['stage', 'dev']);
  const other = resolve(state, { ...qa, stage: 'int' });
  assert.equal([other.source, other.provider, other.local], ['service', null, true]);
  const regional = resolve(given(...providers, devAtStage, localAtInstance), { ...qa, region: 'eu-west-1' });
  assert.equal([regional.source, regional.provider, regional.local], ['instance', null, true]);
  const elsewhere = resolve(given(...providers, devAtStage, localAtInstance), { ...qa, region: 'us-east-1' });
  assert.equal([elsewhere.source, elsewhere.provider?.id, elsewhere.local], ['stage', 'dev', undefined]);
});

resolving('a local link for aws does not answer for stripe', () => {
  const answer = resolve(given(...providers, localAtService, { type: 'DefaultProviderSet', data: { providerId: 'pay', type: 'stripe' } }), { ...qa, type: 'stripe' });
  assert.equal([answer.source, answer.provider?.id, answer.local], ['org-default', 'pay', undefined]);
});

resolving('with nothing anywhere the answer is none, which is not a local link', () => {
  const answer = resolve(given(...providers), qa);
  assert.equal([answer.source, answer.provider, answer.local], ['none', null, undefined]);
});

resolving('once unlinked, the scope falls back to the broader links again', () => {
  const state = given(...providers, devAtService, localAtStage, { type: 'LocalCredentialsUnlinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa' } });
  const answer = resolve(state, qa);
  assert.equal([answer.source, answer.provider?.id, answer.local], ['service', 'dev', undefined]);
});

resolving.run();
