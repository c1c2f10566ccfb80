// The JSON API over HTTP: tokens and tenancy, the domain's rules and messages as statuses, the
// inheritance picture with who set each scope, time travel, the audit trail, and no secret in answers.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, GLOBEX, MEMBER, startHarness, type Harness } from './support/harness.js';

const DEV_ROLE = 'arn:aws:iam::111111111111:role/deploy';
const PROD_ROLE = 'arn:aws:iam::222222222222:role/deploy';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const role = (roleArn: string) => ({ kind: 'aws-role', roleArn });

const api = suite<{ h: Harness }>('the HTTP API', {} as { h: Harness });
api.before(async (context) => {
  context.h = await startHarness();
  const { h } = context;
  assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'dev', type: 'aws', credentials: role(DEV_ROLE) })).status, 201);
  assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'prod', type: 'aws', credentials: role(PROD_ROLE) })).status, 201);
});
api.after(async ({ h }) => h.close());

api('no token or an unknown one is a 401; another org is a 403 and nothing happens there', async ({ h }) => {
  const none = await h.call(undefined, 'GET', '/api/orgs/acme/providers');
  assert.equal([none.status, none.body.error], [401, 'Unauthenticated']);
  assert.is((await h.call('not-a-known-token-at-all', 'GET', '/api/orgs/acme/providers')).status, 401);
  const other = await h.call(GLOBEX, 'POST', '/api/orgs/acme/providers', { name: 'intruder', type: 'aws', credentials: role(DEV_ROLE) });
  assert.equal([other.status, other.body.error, other.body.field], [403, 'OtherOrganization', 'orgId']);
  const list = await h.call(ADMIN, 'GET', '/api/orgs/acme/providers');
  assert.equal(list.body.providers.map((p: { name: string }) => p.name), ['dev', 'prod']);
});

api('a member may not manage providers: 403 with the domain rule, nothing added', async ({ h }) => {
  const refused = await h.call(MEMBER, 'POST', '/api/orgs/acme/providers', { name: 'mine', type: 'aws', credentials: role(DEV_ROLE) });
  assert.equal([refused.status, refused.body.error], [403, 'PermissionDenied']);
  assert.match(refused.body.message, /member/);
  assert.is((await h.call(MEMBER, 'GET', '/api/orgs/acme/providers/mine')).status, 404);
});

api('bad input is a 400 naming the field: the shape by the codec, the value by the domain', async ({ h }) => {
  const shape = await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'x', type: 'aws', credentials: { kind: 'aws-role', roleArn: 42 } });
  assert.equal([shape.status, shape.body.error, shape.body.field], [400, 'InvalidInput', 'credentials.roleArn']);
  const arn = await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'x', type: 'aws', credentials: role('arn:aws:iam::12:role/x') });
  assert.equal([arn.status, arn.body.error], [400, 'InvalidInput']);
  assert.match(arn.body.field, /roleArn/);
  assert.match(arn.body.message, /ARN/);
  const region = await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'dev', app: 'shop', service: 'api', stage: 'prod', region: 'moon-1' });
  assert.equal([region.status, region.body.field], [400, 'region']);
  const notJson = await h.call(ADMIN, 'PUT', '/api/orgs/acme/default', '{');
  assert.equal([notJson.status, notJson.body.error], [400, 'InvalidJson']);
  const taken = await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'DEV', type: 'aws', credentials: role(DEV_ROLE) });
  assert.equal([taken.status, taken.body.error], [409, 'ProviderNameTaken']);
});

api('links, a second link on a scope is a 409 until replace; the picture says who set each scope', async ({ h }) => {
  assert.is((await h.call(ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'dev' })).status, 200);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'dev', app: 'shop', service: 'api' })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'dev', app: 'shop', service: 'api', stage: 'prod' })).status, 201);
  const again = await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'prod', app: 'shop', service: 'api', stage: 'prod' });
  assert.equal([again.status, again.body.error, again.body.field], [409, 'ScopeAlreadyLinked', 'replace']);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'prod', app: 'shop', service: 'api', stage: 'prod', replace: true })).status, 201);
  const picture = (await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body;
  assert.equal([picture.orgDefault.provider.name, picture.orgDefault.set.actor.id], ['dev', 'alice']);
  assert.equal([picture.serviceLink.provider.name, picture.serviceLink.set.actor.id], ['dev', 'mo']);
  assert.equal(picture.placements.map((p: { stage: string; provider: { name: string }; source: string }) => [p.stage, p.provider.name, p.source]), [['prod', 'prod', 'stage']]);
  const resolved = (await h.call(MEMBER, 'GET', '/api/orgs/acme/resolve?app=shop&service=api&stage=prod&region=eu-west-1')).body;
  assert.equal([resolved.source, resolved.provider.name, resolved.provider.accountId], ['stage', 'prod', '222222222222']);
  assert.is(resolved.chain.find((c: { scope: string }) => c.scope === 'stage').setBy.actor, 'mo');
});

api('a new org default over the one set is a 409 until replace, as links are', async ({ h }) => {
  const again = await h.call(ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'prod' });
  assert.equal([again.status, again.body.error, again.body.field], [409, 'DefaultAlreadySet', 'replace']);
  assert.match(again.body.message, /"dev".*"prod"/);
  const replaced = await h.call(ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'prod', replace: true });
  assert.equal([replaced.status, replaced.body.changed, typeof replaced.body.position], [200, true, 'string']);
  const picture = (await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body;
  assert.is(picture.orgDefault.provider.name, 'prod');
});

api('a write that changes nothing says so, with no position', async ({ h }) => {
  const same = await h.call(ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'prod' }); // the default already
  assert.equal([same.status, same.body.changed, same.body.position], [200, false, null]);
  const renamed = await h.call(ADMIN, 'PUT', '/api/orgs/acme/providers/dev/name', { name: 'dev' });
  assert.equal([renamed.status, renamed.body.changed, renamed.body.position], [200, false, null]);
});

api('as of a position, the org and a resolution are as they were', async ({ h }) => {
  const facts = (await h.call(MEMBER, 'GET', '/api/orgs/acme/audit?action=linked&stage=prod')).body.facts;
  assert.equal(facts.map((f: { providerName: string; replacedProviderName?: string }) => [f.providerName, f.replacedProviderName ?? null]), [['dev', null], ['prod', 'dev']]);
  const before = facts[1].position - 1;
  const then = (await h.call(MEMBER, 'GET', `/api/orgs/acme/resolve?app=shop&service=api&stage=prod&asOf=${before}`)).body;
  assert.equal([then.asOf, then.source, then.provider.name], [String(before), 'stage', 'dev']);
  const [devAdded] = (await h.call(MEMBER, 'GET', '/api/orgs/acme/audit?action=provider-added')).body.facts;
  const first = (await h.call(MEMBER, 'GET', `/api/orgs/acme/providers?asOf=${devAdded.position}`)).body.providers;
  assert.equal(first.map((p: { name: string }) => p.name), ['dev']);
  const bad = await h.call(MEMBER, 'GET', '/api/orgs/acme/providers?asOf=yesterday');
  assert.equal([bad.status, bad.body.field], [400, 'asOf']);
});

api('asOf follows the CLI\'s --as-of rules: no lenient reading, no date that does not exist, no zone-less time', async ({ h }) => {
  for (const asOf of [' 5', '+5', '-1', '2026-02-30T00:00:00Z', '2026-03-01T10:00:00', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']) {
    const bad = await h.call(MEMBER, 'GET', `/api/orgs/acme/resolve?app=shop&service=api&stage=prod&asOf=${encodeURIComponent(asOf)}`);
    assert.equal([bad.status, bad.body.field], [400, 'asOf'], asOf);
  }
  const tokyo = (await h.call(MEMBER, 'GET', `/api/orgs/acme/resolve?app=shop&service=api&stage=prod&asOf=${encodeURIComponent('2001-01-01T09:00:00+09:00')}`)).body;
  assert.equal([tokyo.asOf, tokyo.source], ['2001-01-01T00:00:00.000Z', 'none']);
});

api('a resolve request a write would refuse is a 400 naming the field, never a 500', async ({ h }) => {
  for (const [query, field] of [['app=shop&service=api&stage=prod&region=moon-1', 'region'], ['app=bad%20app&service=api&stage=prod', 'app']] as const) {
    const bad = await h.call(MEMBER, 'GET', `/api/orgs/acme/resolve?${query}`);
    assert.is(bad.status, 400, query);
    assert.is(bad.body.error, 'InvalidResolveRequest');
    assert.match(bad.body.field, field);
  }
});

api('removing a provider in use is refused with its usages; forced, it releases them', async ({ h }) => {
  const refused = await h.call(ADMIN, 'DELETE', '/api/orgs/acme/providers/prod');
  assert.equal([refused.status, refused.body.error], [409, 'ProviderInUse']);
  assert.match(refused.body.message, /shop/);
  assert.is((await h.call(ADMIN, 'PUT', '/api/orgs/acme/providers/prod/name', { name: 'production' })).status, 200);
  assert.is((await h.call(ADMIN, 'DELETE', '/api/orgs/acme/providers/production?force=true')).status, 200);
  const picture = (await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body;
  assert.equal(picture.placements, []);
});

api('static keys: their secret is never in a list, a provider view or the audit; only the deploy route hands it out', async ({ h }) => {
  const added = await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', {
    name: 'ci', type: 'aws', accountId: '333333333333', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
  });
  assert.is(added.status, 201, added.text);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'ci', app: 'shop', service: 'worker' })).status, 201);
  for (const path of ['/api/orgs/acme/providers', '/api/orgs/acme/providers/ci', '/api/orgs/acme/audit', '/api/orgs/acme/services/shop/worker'])
    assert.not.ok((await h.call(ADMIN, 'GET', path)).text.includes(SECRET), path);
  const deployed = await h.call(MEMBER, 'POST', '/api/orgs/acme/deploy', { app: 'shop', service: 'worker', stage: 'dev', region: 'eu-west-1' });
  assert.is(deployed.status, 200, deployed.text);
  assert.equal([deployed.body.source, deployed.body.credentials.accessKeyId, deployed.body.credentials.secretAccessKey], ['service', 'AKIAIOSFODNN7EXAMPLE', SECRET]);
  const rotated = await h.call(ADMIN, 'PUT', '/api/orgs/acme/providers/ci/credentials', { credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPL2', secretAccessKey: 'short' } });
  assert.equal([rotated.status, rotated.body.field], [400, 'credentials.secretAccessKey']);
  assert.not.ok(rotated.text.includes('short'));
  assert.equal(h.logged, []);
});

api('unknown routes are 404, wrong methods 405; paths outside /api and /console are left to the embedder', async ({ h }) => {
  assert.is((await h.call(ADMIN, 'GET', '/api/orgs/acme/nothing')).status, 404);
  assert.is((await h.call(ADMIN, 'PATCH', '/api/orgs/acme/providers')).status, 405);
  assert.is((await h.call(ADMIN, 'GET', '/elsewhere')).status, 404);
});

api.run();
