// The console over plain HTTP (no browser): sign-in and its cookie, CSRF on every form, tenancy,
// the domain's messages on the form's page, escaping, the replace confirmation, and no secret in a page.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { consoleClient } from './support/console-client.js';
import { ADMIN, MEMBER, startHarness, type Harness } from './support/harness.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const test = suite<{ h: Harness }>('the console', {} as { h: Harness });
test.before(async (context) => {
  context.h = await startHarness();
});
test.after(async ({ h }) => h.close());

test('without a session it asks for a token; a known token sets an HttpOnly, SameSite=Strict cookie that is not the token', async ({ h }) => {
  const anonymous = consoleClient(h.url);
  const first = await anonymous.get('/console/orgs/acme');
  assert.is(first.status, 401);
  assert.match(first.html, 'id="sign-in"');
  assert.match(first.html, 'value="/console/orgs/acme"');
  assert.is((await anonymous.signIn('wrong-token-0000000000')).status, 401);
  const response = await fetch(`${h.url}/console/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: ADMIN, next: '//evil.example/' }) });
  assert.is(response.status, 303);
  assert.is(response.headers.get('location'), '/console');
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.not.match(cookie, ADMIN);
});

test('a form without the CSRF token is refused and changes nothing', async ({ h }) => {
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  await admin.get('/console/orgs/acme');
  const forged = await admin.post('/console/orgs/acme/providers', { name: 'forged', type: 'aws', kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/x' }, { csrf: 'not-the-token' });
  assert.is(forged.status, 403);
  assert.not.match((await admin.get('/console/orgs/acme')).html, 'forged');
});

test('admins add providers; a bad value shows the domain message; a member sees no admin form and is refused', async ({ h }) => {
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  await admin.get('/console/orgs/acme');
  const bad = await admin.post('/console/orgs/acme/providers', { name: 'x', type: 'aws', kind: 'aws-role', roleArn: 'arn:aws:iam::12:role/x' });
  assert.is(bad.status, 400);
  assert.match(bad.html, /id="form-error"[^>]*>.*roleArn/s);
  const said = /id="form-error"[^>]*>(.*?)<\/div>/s.exec(bad.html)?.[1] ?? '';
  assert.is(said.match(/roleArn/g)?.length, 1, `the field is named once: ${said}`);
  const added = await admin.post('/console/orgs/acme/providers', { name: 'dev', type: 'aws', kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' });
  assert.is(added.status, 303);
  assert.match((await admin.get(added.location!)).html, /added provider dev/);
  const keys = await admin.post('/console/orgs/acme/providers', { name: 'ci', type: 'aws', kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, accountId: '333333333333' });
  assert.is(keys.status, 303);
  for (const path of ['/console/orgs/acme', '/console/orgs/acme/providers/ci', '/console/orgs/acme/audit'])
    assert.not.ok((await admin.get(path)).html.includes(SECRET), path);
  const escaped = (await admin.get('/console/orgs/acme/services/shop/%3Cscript%3Ealert(1)%3C%2Fscript%3E')).html;
  assert.match(escaped, 'Inheritance of shop/&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.not.match(escaped, '<script>');

  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  const seen = await member.get('/console/orgs/acme');
  assert.not.match(seen.html, 'id="add-provider"');
  const refused = await member.post('/console/orgs/acme/providers', { name: 'mine', type: 'aws', kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' });
  assert.is(refused.status, 403);
  assert.match(refused.html, /member/);
  assert.is((await member.get('/console/orgs/globex')).status, 403);
});

test('a link on a linked scope asks to confirm the replacement; confirmed, it replaces', async ({ h }) => {
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  await admin.get('/console/orgs/acme');
  await admin.post('/console/orgs/acme/providers', { name: 'prod', type: 'aws', kind: 'aws-role', roleArn: 'arn:aws:iam::222222222222:role/deploy' });
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  await member.get('/console/orgs/acme/services/shop/api');
  assert.is((await member.post('/console/orgs/acme/services/shop/api/links', { provider: 'dev', stage: 'prod', region: '' })).status, 303);
  const asked = await member.post('/console/orgs/acme/services/shop/api/links', { provider: 'prod', stage: 'prod', region: '' });
  assert.is(asked.status, 409);
  assert.match(asked.html, /id="replace-form"/);
  assert.match(asked.html, /linked to <b>dev<\/b>/);
  const replaced = await member.post('/console/orgs/acme/services/shop/api/links', { provider: 'prod', stage: 'prod', region: '', replace: 'true' });
  assert.is(replaced.status, 303);
  const page = (await member.get('/console/orgs/acme/services/shop/api?stage=prod&region=eu-west-1')).html;
  assert.match(page, /data-scope="prod"[^>]*>\s*Stage prod \(every region\): <b>prod<\/b>/);
  assert.match(page, /id="resolution" data-source="stage"/);
});

test('a new org default over the one set shows the domain message until replacing is ticked', async ({ h }) => {
  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  const page = (await admin.get('/console/orgs/acme')).html;
  assert.match(page, /<input type="checkbox" id="default-replace" name="replace" value="true"> <label for="default-replace">/);
  const idOf = (name: string) => new RegExp(`<option value="([^"]+)">${name} \\(aws\\)`).exec(page)?.[1] ?? '';
  assert.is((await admin.post('/console/orgs/acme/default', { provider: idOf('dev') })).status, 303);
  const refused = await admin.post('/console/orgs/acme/default', { provider: idOf('prod') });
  assert.is(refused.status, 409);
  assert.match(refused.html, /id="form-error"[^>]*>.*default aws provider is &quot;dev&quot;.*replace/s);
  assert.is((await admin.post('/console/orgs/acme/default', { provider: idOf('prod'), replace: 'true' })).status, 303);
  assert.match((await admin.get('/console/orgs/acme')).html, /data-testid="org-default">aws: <b>prod<\/b>/);
});

test.run();
