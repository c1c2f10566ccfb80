// Local-credentials links and account pins over the API and the console (no browser): members
// link local credentials and see pins; only admins pin and unpin (403 for a member, nothing
// appended); the domain's refusals are shown on the page; resolutions carry the pins on the chain.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { consoleClient } from './support/console-client.js';
import { ADMIN, MEMBER, startHarness, type Harness } from './support/harness.js';

const role = (account: string) => ({ kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy` });
const SERVICE = '/console/orgs/acme/services/shop/api';

const test = suite<{ h: Harness }>('local credentials and account pins', {} as { h: Harness });
test.before(async (context) => {
  context.h = await startHarness();
  const { h } = context;
  for (const [name, account] of [['dev', '111111111111'], ['prod', '222222222222']] as const)
    assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name, type: 'aws', credentials: role(account) })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'dev', app: 'shop', service: 'api' })).status, 201);
});
test.after(async ({ h }) => h.close());

test('a member uses local credentials at a stage from the console: the tree and the chain say so', async ({ h }) => {
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  const page = await member.get(SERVICE);
  assert.match(page.html, 'id="local-form"');
  assert.not.match(page.html, 'id="pin-form"');
  const linked = await member.post(`${SERVICE}/local`, { stage: 'dev', region: '', type: 'aws' });
  assert.is(linked.status, 303);
  const after = (await member.get(linked.location!)).html;
  assert.match(after, 'shop/api/dev uses local credentials');
  assert.match(after, /data-scope="dev"[^>]*>\s*Stage dev \(every region\): <b>local credentials<\/b> <span class="muted">\(on purpose\)<\/span> <span class="muted">by mo/);
  const probed = (await member.get(`${SERVICE}?stage=dev&region=eu-west-1`)).html;
  assert.match(probed, /id="resolution" data-source="stage">dev \/ eu-west-1 uses <b>local credentials<\/b>, on purpose/);
  assert.match(probed, /<td>→ stage<\/td><td>shop\/api\/dev<\/td>\s*<td>local credentials<\/td>/);
  const resolved = (await h.call(MEMBER, 'GET', '/api/orgs/acme/resolve?app=shop&service=api&stage=dev')).body;
  assert.equal([resolved.source, resolved.local, resolved.provider, resolved.chain[0].local], ['stage', true, null, true]);
  const again = await member.post(`${SERVICE}/local`, { stage: 'dev', region: 'moon-1' });
  assert.is(again.status, 400);
  assert.match(again.html, /id="form-error"[^>]*><strong>region: <\/strong>/);
});

test('a member sees no pin form and is refused on the POST: 403, the domain message, nothing appended', async ({ h }) => {
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  await member.get(SERVICE);
  const refused = await member.post(`${SERVICE}/pins`, { stage: '', region: '', accountIds: '111111111111', reason: 'prod only' });
  assert.is(refused.status, 403);
  assert.match(refused.html, /id="form-error"[^>]*>.*a member may not/s);
  const api = await h.call(MEMBER, 'PUT', '/api/orgs/acme/pins', { app: 'shop', service: 'api', accountIds: ['111111111111'], reason: 'mine' });
  assert.equal([api.status, api.body.error], [403, 'PermissionDenied']);
  assert.is((await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body.serviceLink.pin, null);
  assert.equal((await h.call(MEMBER, 'GET', '/api/orgs/acme/audit?action=account-pinned')).body.facts, []);
});

test('an admin pins: a pin the links break is refused with the domain message; a good one shows on the tree and the chain', async ({ h }) => {
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  const page = (await admin.get(SERVICE)).html;
  assert.match(page, 'id="pin-form"');
  const broken = await admin.post(`${SERVICE}/pins`, { stage: 'prod', region: '', accountIds: '222222222222', reason: 'prod account only' });
  assert.is(broken.status, 409);
  assert.match(broken.html, /id="form-error"[^>]*>.*111111111111/s);
  const noReason = await admin.post(`${SERVICE}/pins`, { stage: '', region: '', accountIds: '111111111111', reason: '' });
  assert.is(noReason.status, 400);
  assert.match(noReason.html, /id="form-error"[^>]*><strong>reason: <\/strong>.*a reason is 1–500 characters/);
  const pinned = await admin.post(`${SERVICE}/pins`, { stage: '', region: '', accountIds: '111111111111, 333333333333', reason: 'the dev accounts' });
  assert.is(pinned.status, 303);
  const after = (await admin.get(pinned.location!)).html;
  assert.match(after, 'shop/api is now pinned to 111111111111, 333333333333');
  assert.match(after, /data-testid="service-link">Service shop\/api: <b>dev<\/b>.*pinned to <span class="account">111111111111, 333333333333<\/span> \(“the dev accounts”\)/s);
  const probed = (await admin.get(`${SERVICE}?stage=prod`)).html;
  assert.match(probed, /id="pins".*<td>service<\/td><td>shop\/api<\/td><td><span class="account">111111111111, 333333333333<\/span><\/td><td>the dev accounts<\/td>/s);
  assert.match(probed, /id="account-check" data-check="passed"/);
});

test('the API pins, says when nothing changed, and answers the pins on the chain; an admin unpins from the console', async ({ h }) => {
  const first = await h.call(ADMIN, 'PUT', '/api/orgs/acme/pins', { app: 'shop', service: 'api', stage: 'qa', accountIds: ['111111111111'], reason: 'qa' });
  assert.equal([first.status, first.body.changed], [200, true]);
  const same = await h.call(ADMIN, 'PUT', '/api/orgs/acme/pins', { app: 'shop', service: 'api', stage: 'qa', accountIds: ['111111111111'], reason: 'qa' });
  assert.equal([same.status, same.body.changed, same.body.position], [200, false, null]);
  const bad = await h.call(ADMIN, 'PUT', '/api/orgs/acme/pins', { app: 'shop', service: 'api', accountIds: ['12'], reason: 'x' });
  assert.equal([bad.status, bad.body.error], [400, 'InvalidInput']);
  assert.match(bad.body.field, /accountIds/);
  const resolved = (await h.call(MEMBER, 'GET', '/api/orgs/acme/resolve?app=shop&service=api&stage=qa')).body;
  assert.equal(resolved.pins.map((p: { key: string }) => p.key), ['shop/api/qa', 'shop/api']);
  assert.equal([resolved.allowedAccountIds, resolved.accountCheck], [['111111111111'], 'passed']);
  const view = (await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body;
  assert.equal(view.placements.map((p: { stage: string; local: boolean; pin: { accountIds: string[] } | null }) => [p.stage, p.local, p.pin?.accountIds ?? null]), [['dev', true, null], ['qa', false, ['111111111111']]]);
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  await admin.get(SERVICE);
  const removed = await admin.post(`${SERVICE}/unpin`, { stage: 'qa', region: '', reason: 'qa is gone' });
  assert.is(removed.status, 303);
  const none = await admin.post(`${SERVICE}/unpin`, { stage: 'qa', region: '', reason: 'again' });
  assert.is(none.status, 404);
  assert.match(none.html, /id="form-error"[^>]*>.*has no account pin/s);
  const local = await h.call(MEMBER, 'POST', '/api/orgs/acme/local-links', { app: 'shop', service: 'api', stage: 'qa', region: 'eu-west-1' });
  assert.is(local.status, 201, local.text);
  const instance = (await h.call(MEMBER, 'GET', '/api/orgs/acme/resolve?app=shop&service=api&stage=qa&region=eu-west-1')).body;
  assert.equal([instance.source, instance.local], ['instance', true]);
});

test('the org page: an admin pins the whole org (a pin the links break is refused), a member may not; the service tree shows it', async ({ h }) => {
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  const seen = await member.get('/console/orgs/acme');
  assert.match(seen.html, /data-testid="org-pin"><span class="muted">none/);
  assert.not.match(seen.html, 'id="org-pin-form"');
  const refused = await member.post('/console/orgs/acme/pins', { accountIds: '111111111111', reason: 'mine' });
  assert.is(refused.status, 403);
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  assert.match((await admin.get('/console/orgs/acme')).html, 'id="org-pin-form"');
  const broken = await admin.post('/console/orgs/acme/pins', { accountIds: '222222222222', reason: 'prod only' });
  assert.is(broken.status, 409);
  assert.match(broken.html, /id="form-error"[^>]*>.*111111111111/s);
  const pinned = await admin.post('/console/orgs/acme/pins', { accountIds: '111111111111', reason: 'one account for all' });
  assert.is(pinned.status, 303);
  assert.match((await admin.get(pinned.location!)).html, /data-testid="org-pin"> <span class="pin" data-pin>pinned to <span class="account">111111111111<\/span> \(“one account for all”\) <span class="muted">by alice/);
  assert.match((await admin.get(SERVICE)).html, /data-testid="org-default">Org default \(aws\): .*pinned to <span class="account">111111111111<\/span>/);
  assert.equal((await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body.orgDefault.pin.accountIds, ['111111111111']);
  const audit = (await admin.get('/console/orgs/acme/audit?action=account-pinned&action=local-linked')).html;
  assert.match(audit, /<td>local-linked<\/td>\s*<td>local credentials <span class="account"><\/span><\/td>\s*<td>shop\/api\/dev<\/td>/);
  assert.match(audit, /<td>account-pinned<\/td>\s*<td>— <span class="account">111111111111, 333333333333<\/span><\/td>\s*<td>shop\/api<\/td><td>the dev accounts<\/td>/);
  assert.match(audit, /<option value="account-pinned" selected>/);
  const removed = await admin.post('/console/orgs/acme/unpin', { reason: 'done' });
  assert.is(removed.status, 303);
  assert.is((await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api')).body.orgDefault.pin, null);
});

test('as of a position before the local-credentials link, the service shows none there and its forms are hidden', async ({ h }) => {
  const [local] = (await h.call(MEMBER, 'GET', '/api/orgs/acme/audit?action=local-linked')).body.facts;
  const before = String(Number(local.position) - 1);
  const then = (await h.call(MEMBER, 'GET', `/api/orgs/acme/services/shop/api?asOf=${before}`)).body;
  assert.equal([then.placements, then.serviceLink.provider.name, then.serviceLink.local], [[], 'dev', false]);
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  const page = (await member.get(`${SERVICE}?asOf=${before}&stage=dev`)).html;
  assert.match(page, /id="resolution" data-source="service">dev uses <b>dev<\/b>/);
  assert.not.match(page, 'id="local-form"');
});

test.run();
