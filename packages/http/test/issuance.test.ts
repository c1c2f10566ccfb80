// The issuance log over the API and the console (no browser): hand-outs and withheld attempts with
// their reason, the CLI's filters (a bad one is a 400 naming it), no secret anywhere, and the prune
// form for admins only (403 for a member, on the API too).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { consoleClient } from './support/console-client.js';
import { ADMIN, MEMBER, startHarness, type Harness } from './support/harness.js';
import { KEYS_SECRET, MOTO_ACCOUNT, seedIssuance } from './support/issuance-seed.js';
import { startMoto, type Moto } from './support/moto.js';
import { canRun, motoNeeded } from './support/tool-gate.js';

const ISSUANCE = '/console/orgs/acme/issuance';
const test = suite<{ h: Harness; moto: Moto }>('the issuance log', {} as { h: Harness; moto: Moto });

if (canRun(test, 'hand-outs, withheld attempts, filters, prune', motoNeeded())) {
  test.before(async (context) => {
    context.moto = await startMoto();
    context.h = await startHarness();
    await seedIssuance(context.h, context.moto);
  });
  test.after(async ({ h, moto }) => {
    await h?.close();
    await moto?.close();
  });

  test('the API lists hand-outs and withheld attempts with their reason, filtered like the CLI, without a secret', async ({ h }) => {
    const all = await h.call(MEMBER, 'GET', '/api/orgs/acme/issuance');
    assert.is(all.status, 200);
    assert.not.ok(all.text.includes(KEYS_SECRET));
    assert.equal(all.body.issuance.map((r: { kind: string; providerName: string | null; accountId: string | null }) => [r.kind, r.providerName, r.accountId]), [
      ['static-keys', 'ci', '333333333333'],
      ['withheld', null, MOTO_ACCOUNT],
    ]);
    const [, withheld] = all.body.issuance;
    assert.equal([withheld.actor, withheld.withheld.check, withheld.withheld.expectedAccountIds], ['mo', 'local-fallback', ['111111111111']]);
    assert.match(withheld.withheld.reason, `saw account ${MOTO_ACCOUNT}`);
    assert.equal((await h.call(MEMBER, 'GET', '/api/orgs/acme/issuance?service=worker&provider=CI')).body.issuance.length, 1);
    assert.equal((await h.call(MEMBER, 'GET', '/api/orgs/acme/issuance?until=2000-01-01')).body.issuance, []);
    for (const [query, field] of [['accountId=12', 'accountId'], ['stage=no%20spaces', 'stage'], ['since=yesterday', 'since']]) {
      const bad = await h.call(MEMBER, 'GET', `/api/orgs/acme/issuance?${query}`);
      assert.equal([bad.status, bad.body.field], [400, field], query);
    }
  });

  test('the API prunes for admins only, and names a bad age', async ({ h }) => {
    const refused = await h.call(MEMBER, 'POST', '/api/orgs/acme/issuance/prune', { olderThan: '1h' });
    assert.equal([refused.status, refused.body.error], [403, 'PermissionDenied']);
    const bad = await h.call(ADMIN, 'POST', '/api/orgs/acme/issuance/prune', { olderThan: 'soon' });
    assert.equal([bad.status, bad.body.field], [400, 'olderThan']);
    const pruned = await h.call(ADMIN, 'POST', '/api/orgs/acme/issuance/prune', { olderThan: '1h' });
    assert.equal([pruned.status, pruned.body.pruned, pruned.body.kept], [200, 0, 2]);
  });

  test('the console page: rows with the withheld reason, filters, no prune form for a member (403 on the POST)', async ({ h }) => {
    const member = consoleClient(h.url);
    await member.signIn(MEMBER);
    const seen = await member.get(ISSUANCE);
    assert.is(seen.status, 200);
    assert.not.ok(seen.html.includes(KEYS_SECRET));
    assert.match(seen.html, '2 hand-outs, 1 withheld');
    assert.match(seen.html, /data-kind="withheld".*withheld \(local-fallback; allowed <span class="account">111111111111<\/span>\): .*saw account 123456789012/s);
    assert.not.match(seen.html, 'id="prune-form"');
    assert.match((await member.get(`${ISSUANCE}?app=shop&service=worker`)).html, '1 hand-outs');
    const bad = await member.get(`${ISSUANCE}?accountId=12`);
    assert.is(bad.status, 400);
    assert.match(bad.html, /id="form-error"[^>]*><strong>accountId: <\/strong>/);
    const refused = await member.post(`${ISSUANCE}/prune`, { olderThan: '1h' });
    assert.is(refused.status, 403);
    assert.match(refused.html, /a member may not prune the issuance log/);
  });

  test('the console prune form: an admin prunes, and a bad age shows the rule', async ({ h }) => {
    const admin = consoleClient(h.url);
    await admin.signIn(ADMIN);
    assert.match((await admin.get(ISSUANCE)).html, 'id="prune-form"');
    const bad = await admin.post(`${ISSUANCE}/prune`, { olderThan: 'soon' });
    assert.is(bad.status, 400);
    assert.match(bad.html, /id="form-error"[^>]*><strong>olderThan: <\/strong>.*whole days/s);
    const pruned = await admin.post(`${ISSUANCE}/prune`, { olderThan: '90d' });
    assert.is(pruned.status, 303);
    assert.match((await admin.get(pruned.location!)).html, /pruned 0 issuance records older than .*; 2 kept/);
  });
}

test.run();
