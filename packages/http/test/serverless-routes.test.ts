// The Serverless Framework v3 routes: the org lookup, the instance's providers (the project's own
// resolution, the AWS provider only, vended per request), parameters, strict uids, tokens.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, GLOBEX, MEMBER, startHarness, type Harness } from './support/harness.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const uid = (app: string, service: string) => encodeURIComponent(`appName|${app}|serviceName|${service}`);
const instance = (app: string, service: string, stage: string, region: string) =>
  `/serverless/orgs/acme/services/${uid(app, service)}/instances/${encodeURIComponent(`appName|${app}|serviceName|${service}|stage|${stage}|region|${region}`)}`;

const routes = suite<{ h: Harness }>('the Serverless routes', {} as { h: Harness });
routes.before(async (context) => {
  context.h = await startHarness();
  const { h } = context;
  const keys = { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET };
  assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'ci', type: 'aws', accountId: '333333333333', credentials: keys })).status, 201);
  assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'payments', type: 'stripe', credentials: { kind: 'secret', fields: { apiKey: 'sk_live_0000000000000000' } } })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'ci', app: 'shop', service: 'api' })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'payments', app: 'shop', service: 'api' })).status, 201);
});
routes.after(async ({ h }) => h.close());

routes('the org lookup answers the org as its uid; an unknown token is a 401, another org a 403', async ({ h }) => {
  assert.equal((await h.call(MEMBER, 'GET', '/serverless/core/tenants/acme')).body, { orgUid: 'acme', orgName: 'acme' });
  assert.is((await h.call('not-a-known-token-000', 'GET', '/serverless/core/tenants/acme')).status, 401);
  assert.is((await h.call(undefined, 'GET', '/serverless/core/tenants/acme')).status, 401);
  assert.is((await h.call(GLOBEX, 'GET', '/serverless/core/tenants/acme')).status, 403);
});

routes('an instance gets the resolved AWS provider only, vended, the provider name as alias', async ({ h }) => {
  const answer = await h.call(MEMBER, 'GET', instance('shop', 'api', 'prod', 'eu-west-1'));
  assert.is(answer.status, 200, answer.text);
  assert.is(answer.body.result.length, 1);
  const [entry] = answer.body.result;
  assert.equal(
    [entry.providerName, entry.providerType, entry.alias, entry.isDefault, entry.providerDetails.accessKeyId, entry.providerDetails.secretAccessKey],
    ['aws', 'accessKey', 'ci', false, 'AKIAIOSFODNN7EXAMPLE', SECRET],
  );
  assert.not.match(answer.text, 'sk_live');
  assert.equal((await h.call(MEMBER, 'GET', `${instance('shop', 'api', 'prod', 'eu-west-1')}/params`)).body, { result: [] });
  assert.equal(h.logged, []);
  // On record as a Serverless Framework hand-out, to the token's actor, never with the secret.
  const [record] = (await h.providers.issuance('acme')).slice(-1);
  assert.equal([record?.client, record?.kind, record?.request.stage, record?.request.region], ['serverless-v3', 'static-keys', 'prod', 'eu-west-1']);
  assert.not.match(JSON.stringify(record, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)), SECRET);
});

routes('nothing resolved is an empty result (use local credentials); another org is a 403 and vends nothing', async ({ h }) => {
  assert.equal((await h.call(MEMBER, 'GET', instance('shop', 'web', 'prod', 'eu-west-1'))).body, { result: [], localCredentials: false });
  const other = await h.call(GLOBEX, 'GET', instance('shop', 'api', 'prod', 'eu-west-1'));
  assert.equal([other.status, other.body.field], [403, 'orgId']);
  assert.not.match(other.text, SECRET);
});

routes('uids are parsed strictly: 400 naming the field, nothing vended', async ({ h }) => {
  const cases: Array<[string, string]> = [
    [`/serverless/orgs/acme/services/${encodeURIComponent('shop|api')}/instances/x`, 'serviceUid'],
    [`/serverless/orgs/acme/services/${uid('shop', 'api')}/instances/${encodeURIComponent('appName|shop|serviceName|api|stage|prod')}`, 'instanceUid'],
    [`/serverless/orgs/acme/services/${uid('shop', 'api')}/instances/${encodeURIComponent('appName|shop|serviceName|web|stage|prod|region|eu-west-1')}`, 'instanceUid'],
    [`/serverless/orgs/acme/services/${uid('shop', 'api')}/instances/${encodeURIComponent('appName|shop|serviceName|api|stages|prod|region|eu-west-1')}`, 'instanceUid'],
    [instance('shop', 'api', 'prod', 'moon-1'), 'instanceUid.region'],
    [instance('shop', 'api', 'pr od', 'eu-west-1'), 'instanceUid.stage'],
    [instance('sh_op', 'api', 'prod', 'eu-west-1'), 'serviceUid.app'],
    [`${instance('shop', 'api', 'prod', 'moon-1')}/params`, 'instanceUid.region'],
  ];
  for (const [path, field] of cases) {
    const answer = await h.call(MEMBER, 'GET', path);
    assert.equal([answer.status, answer.body.field], [400, field], `${path}: ${answer.text}`);
    assert.not.match(answer.text, SECRET);
  }
});

routes.run();
