// Loads the page in headless Chromium (Debian's `chromium`), signs in, adds a link through the page's
// form, and checks what the page then shows; leaves a screenshot in test-output/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PictureResponse, WriteResponse } from '../src/api.js';
import { chromiumPath, launchChromium, type Browser } from './support/chromium.js';
import { startHarness, type Answer, type Harness } from './support/harness.js';

const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url));

const ok = <A>(answer: Answer<A>): A => {
  if ('error' in answer) throw new Error(`expected success, got ${answer.status} ${answer.error.error}: ${answer.error.message}`);
  return answer.body;
};

/** The text of the first element matching a selector, once it has some (the page updates after a fetch). */
const textOf = (selector: string) =>
  `new Promise((resolve, reject) => { const started = Date.now(); const look = () => {
     const text = document.querySelector(${JSON.stringify(selector)})?.textContent?.trim() ?? '';
     if (text) resolve(text); else if (Date.now() - started > 5000) reject(new Error('nothing at ${selector}')); else setTimeout(look, 20); }; look(); })`;

// Runs without a browser: the page is server-rendered, so its HTML can be checked over plain HTTP.
const html = suite<{ h: Harness }>('the org page as HTML', {} as { h: Harness });
html.before(async (context) => {
  context.h = await startHarness();
});
html.after(async ({ h }) => h.close());

html('asks for a token without a session, and escapes what it shows', async ({ h }) => {
  const anonymous = await fetch(`${h.url}/orgs/acme?app=shop&service=api`);
  assert.is(anonymous.status, 401);
  assert.match(await anonymous.text(), 'id="sign-in"');
  ok(await h.call('admin-token', 'POST', '/api/orgs/acme/providers', WriteResponse, { providerId: 'dev', name: 'Dev AWS', type: 'aws', roleArn: 'arn:aws:iam::111111111111:role/deploy' }));
  const signedIn = await fetch(`${h.url}/orgs/acme?app=shop&service=%3Cscript%3E`, { headers: { cookie: 'providers_token=member-token' } });
  const text = await signedIn.text();
  assert.is(signedIn.status, 200);
  assert.match(text, 'Signed in as mo (member)');
  assert.match(text, '<span class="account">111111111111</span>');
  assert.match(text, 'Inheritance of shop/&lt;script&gt;');
  assert.not.match(text, 'shop/<script>');
});

html.run();

const page = suite<{ h: Harness; browser: Browser }>('the org page in Chromium', {} as { h: Harness; browser: Browser });
const path = chromiumPath();

if (path === undefined && process.env.REQUIRE_CHROMIUM !== '1') {
  console.log(`SKIPPED: no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  page.skip('signs in, adds a link through the form, and shows it in the inheritance picture', () => undefined);
} else {
  page.before(async (context) => {
    if (path === undefined) throw new Error('REQUIRE_CHROMIUM=1 but there is no Chromium at /usr/bin/chromium');
    context.h = await startHarness();
    context.browser = await launchChromium(path);
    const { h } = context;
    const add = (providerId: string, name: string, roleArn: string) =>
      h.call('admin-token', 'POST', '/api/orgs/acme/providers', WriteResponse, { providerId, name, type: 'aws', roleArn });
    ok(await add('dev', 'Dev AWS', 'arn:aws:iam::111111111111:role/deploy'));
    ok(await add('prod', 'Prod AWS', 'arn:aws:iam::222222222222:role/deploy'));
    ok(await h.call('admin-token', 'PUT', '/api/orgs/acme/default', WriteResponse, { providerId: 'dev' }));
  });
  page.after(async ({ h, browser }) => {
    await browser?.close();
    await h?.close();
  });

  page('signs in, adds a link through the form, and shows it in the inheritance picture', async ({ h, browser }) => {
    const { page: tab } = browser;
    await tab.goto(`${h.url}/orgs/acme?app=shop&service=api`);
    assert.ok(await tab.evaluate<boolean>(`!!document.querySelector('#sign-in')`), 'without a session the page asks for a token');
    await tab.evaluate(`document.querySelector('#sign-in [name=token]').value = 'member-token'`);
    await tab.navigating(`document.querySelector('#sign-in').submit()`);

    assert.match(await tab.evaluate<string>(textOf('h1')), 'Providers of acme');
    assert.match(await tab.evaluate<string>(textOf('[data-testid=org-default]')), /Dev AWS\s+111111111111/);
    assert.match(await tab.evaluate<string>(textOf('[data-testid=service-link]')), /inherits the org default/);
    assert.is(await tab.evaluate<number>(`document.querySelectorAll('[data-testid=placement]').length`), 0);

    await tab.evaluate(`(() => { const form = document.querySelector('#link-form');
      form.providerId.value = 'prod'; form.stage.value = 'prod'; form.region.value = 'eu-west-1'; })()`);
    await tab.navigating(`document.querySelector('#link-form').requestSubmit()`);

    const placement = await tab.evaluate<string>(textOf('[data-scope="prod/eu-west-1"]'));
    assert.match(placement, /Instance prod \/ eu-west-1/);
    assert.match(placement, /Prod AWS\s+222222222222/);
    assert.match(placement, /resolves from instance/);
    assert.match(await tab.evaluate<string>(textOf('[data-provider=prod] td:last-child')), 'shop/api/prod/eu-west-1');
    const picture = ok(await h.call('admin-token', 'GET', '/api/orgs/acme/services/shop/api', PictureResponse));
    assert.equal(picture.placements.map((p) => [p.stage, p.region, p.linked?.providerId]), [['prod', 'eu-west-1', 'prod']]);

    // The same link again: the API's 409 message is shown, and the page stays as it was.
    await tab.evaluate(`(() => { const form = document.querySelector('#link-form');
      form.providerId.value = 'dev'; form.stage.value = 'prod'; form.region.value = 'eu-west-1'; form.requestSubmit(); })()`);
    assert.match(await tab.evaluate<string>(textOf('#link-error')), /already/i);

    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(`${OUTPUT}org-page.png`, await tab.screenshot());
  });
}

page.run();
