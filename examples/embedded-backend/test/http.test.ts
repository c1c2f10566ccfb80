// Drives the example backend over HTTP: permissions from the token map, decoding, error statuses,
// the inheritance picture, and a deployment that resolves and vends against the test STS endpoint.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as t from 'io-ts';
import { DeployResponse, PictureResponse, ProvidersResponse, WriteResponse } from '../src/api.js';
import { startHarness, type Answer, type Harness } from './support/harness.js';

const DEV_ROLE = 'arn:aws:iam::111111111111:role/deploy';
const PROD_ROLE = 'arn:aws:iam::222222222222:role/deploy';

const ok = <A>(answer: Answer<A>): A => {
  if ('error' in answer) throw new Error(`expected success, got ${answer.status} ${answer.error.error}: ${answer.error.message}`);
  return answer.body;
};
const failure = <A>(answer: Answer<A>) => {
  if (!('error' in answer)) throw new Error(`expected an error, got ${answer.status}`);
  return { status: answer.status, ...answer.error };
};

const api = suite<{ h: Harness }>('embedded backend over HTTP', {} as { h: Harness });
api.before(async (context) => {
  context.h = await startHarness();
  const { h } = context;
  ok(await h.call('admin-token', 'POST', '/api/orgs/acme/providers', WriteResponse, { providerId: 'dev', name: 'Dev AWS', type: 'aws', roleArn: DEV_ROLE }));
  ok(await h.call('admin-token', 'POST', '/api/orgs/acme/providers', WriteResponse, { providerId: 'prod', name: 'Prod AWS', type: 'aws', roleArn: PROD_ROLE }));
});
api.after(async ({ h }) => h.close());

api('an admin adds providers; the list shows each with the account read from its role ARN', async ({ h }) => {
  const { providers } = ok(await h.call('member-token', 'GET', '/api/orgs/acme/providers', ProvidersResponse));
  assert.equal(
    providers.map((p) => [p.id, p.name, p.accountId, p.roleArn]),
    [['dev', 'Dev AWS', '111111111111', DEV_ROLE], ['prod', 'Prod AWS', '222222222222', PROD_ROLE]],
  );
});

api('a member may not add a provider: 403 with the rule that says so', async ({ h }) => {
  const error = failure(await h.call('member-token', 'POST', '/api/orgs/acme/providers', t.unknown, { name: 'Mine', type: 'aws', roleArn: DEV_ROLE }));
  assert.is(error.status, 403);
  assert.is(error.error, 'PermissionDenied');
  assert.match(error.message, /member/);
  const { providers } = ok(await h.call('admin-token', 'GET', '/api/orgs/acme/providers', ProvidersResponse));
  assert.not.ok(providers.some((p) => p.name === 'Mine'));
});

api('a request that breaks a rule is a 400 naming the field; a taken name is a 409', async ({ h }) => {
  const badArn = failure(await h.call('admin-token', 'POST', '/api/orgs/acme/providers', t.unknown, { name: 'X', type: 'aws', roleArn: 'arn:aws:iam::12:role/x' }));
  assert.equal([badArn.status, badArn.error, badArn.field], [400, 'InvalidInput', 'roleArn']);
  assert.match(badArn.message, /role ARN/);
  const taken = failure(await h.call('admin-token', 'POST', '/api/orgs/acme/providers', t.unknown, { name: 'dev aws', type: 'aws', roleArn: DEV_ROLE }));
  assert.equal([taken.status, taken.error], [409, 'ProviderNameTaken']);
  const notJson = failure(await h.call('admin-token', 'POST', '/api/orgs/acme/links', t.unknown, '{"providerId":'));
  assert.equal([notJson.status, notJson.error], [400, 'InvalidJson']);
});

api('no token is a 401; a token of another org is a 403', async ({ h }) => {
  assert.is(failure(await h.call(undefined, 'GET', '/api/orgs/acme/providers', t.unknown)).status, 401);
  assert.is(failure(await h.call('not-a-token', 'GET', '/api/orgs/acme/providers', t.unknown)).status, 401);
  const other = failure(await h.call('globex-admin-token', 'GET', '/api/orgs/acme/providers', t.unknown));
  assert.equal([other.status, other.error], [403, 'OtherOrganization']);
});

api('default, service and instance links make the inheritance picture, each with its account', async ({ h }) => {
  ok(await h.call('admin-token', 'PUT', '/api/orgs/acme/default', WriteResponse, { providerId: 'dev' }));
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'dev', app: 'shop', service: 'api' }));
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'prod', app: 'shop', service: 'api', stage: 'prod' }));
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'dev', app: 'shop', service: 'api', stage: 'prod', region: 'eu-west-1' }));
  const picture = ok(await h.call('member-token', 'GET', '/api/orgs/acme/services/shop/api', PictureResponse));
  assert.equal(picture.orgDefault, { providerId: 'dev', name: 'Dev AWS', accountId: '111111111111' });
  assert.equal(picture.serviceLink, { providerId: 'dev', name: 'Dev AWS', accountId: '111111111111' });
  assert.equal(
    picture.placements.map((p) => [p.stage, p.region, p.linked?.accountId, p.resolves?.accountId, p.source]),
    [['prod', null, '222222222222', '222222222222', 'stage'], ['prod', 'eu-west-1', '111111111111', '111111111111', 'instance']],
  );
  const { providers } = ok(await h.call('member-token', 'GET', '/api/orgs/acme/providers', ProvidersResponse));
  assert.is(providers.find((p) => p.id === 'dev')?.defaultFor, 'aws');
});

api('a taken slot is a 409 unless replaced; an unknown provider and an empty slot are 404s', async ({ h }) => {
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'dev', app: 'shop', service: 'web' }));
  const taken = failure(await h.call('member-token', 'POST', '/api/orgs/acme/links', t.unknown, { providerId: 'prod', app: 'shop', service: 'web' }));
  assert.equal([taken.status, taken.error, taken.field], [409, 'ScopeAlreadyLinked', 'replace']);
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'prod', app: 'shop', service: 'web', replace: true }));
  assert.equal(ok(await h.call('member-token', 'GET', '/api/orgs/acme/services/shop/web', PictureResponse)).serviceLink?.providerId, 'prod');
  const unknown = failure(await h.call('member-token', 'POST', '/api/orgs/acme/links', t.unknown, { providerId: 'nope', app: 'shop', service: 'web', stage: 'dev' }));
  assert.equal([unknown.status, unknown.error], [404, 'ProviderNotFound']);
  ok(await h.call('member-token', 'DELETE', '/api/orgs/acme/links', WriteResponse, { app: 'shop', service: 'web' }));
  const nothing = failure(await h.call('member-token', 'DELETE', '/api/orgs/acme/links', t.unknown, { app: 'shop', service: 'web' }));
  assert.equal([nothing.status, nothing.error], [404, 'NothingLinked']);
});

api('deploy resolves the instance link and vends a session of its role, for the calling actor', async ({ h }) => {
  ok(await h.call('member-token', 'POST', '/api/orgs/acme/links', WriteResponse, { providerId: 'prod', app: 'billing', service: 'worker', stage: 'prod', region: 'us-east-1' }));
  const deployed = ok(await h.call('member-token', 'POST', '/api/orgs/acme/deploy', DeployResponse, { app: 'billing', service: 'worker', stage: 'prod', region: 'us-east-1' }));
  assert.is(deployed.source, 'instance');
  assert.equal(deployed.provider, { providerId: 'prod', name: 'Prod AWS', accountId: '222222222222' });
  assert.equal(deployed.chain.map((c) => [c.scope, c.providerId]), [['instance', 'prod'], ['stage', null], ['service', null], ['org-default', 'dev']]);
  const issued = h.sts.issued.at(-1);
  assert.ok(issued);
  assert.is(deployed.credentials.accessKeyId, issued.accessKeyId);
  assert.is(deployed.credentials.sessionToken, issued.sessionToken);
  const assumed = h.sts.requests.filter((r) => r.action === 'AssumeRole').at(-1);
  assert.is(assumed?.params.RoleArn, PROD_ROLE);
  assert.is(assumed?.params.SourceIdentity, 'mo');
});

api('deploy where nothing resolves is a 404 that lists the scopes looked at', async ({ h }) => {
  ok(await h.call('globex-admin-token', 'POST', '/api/orgs/globex/providers', WriteResponse, { providerId: 'g1', name: 'Globex', type: 'aws', roleArn: DEV_ROLE }));
  const error = failure(await h.call('globex-admin-token', 'POST', '/api/orgs/globex/deploy', t.unknown, { app: 'shop', service: 'api', stage: 'dev' }));
  assert.equal([error.status, error.error], [404, 'NoProviderResolved']);
  assert.match(error.message, /org-default/);
});

api.run();
