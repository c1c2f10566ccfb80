// The service page's local-credentials and account-pin forms in headless Chromium, by the
// keyboard: a member uses local credentials at a stage and sees it along the chain; an admin's pin
// that a link breaks is refused with the domain's message, then a pin that fits shows on the tree.
import * as assert from 'uvu/assert';
import { consoleInChromium, type InChromium } from './support/console-in-chromium.js';
import { ADMIN, MEMBER } from './support/harness.js';
import { fill, focus, shot, text, unlabelled } from './support/page-helpers.js';

const role = (account: string) => ({ kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy` });
/** Two access-role providers, dev linked to shop/api, made over the API before the browser opens. */
const devLinked = async ({ h }: InChromium) => {
  for (const [name, account] of [['dev', '111111111111'], ['prod', '222222222222']] as const)
    assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name, type: 'aws', credentials: role(account) })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'dev', app: 'shop', service: 'api' })).status, 201);
};

consoleInChromium('local credentials and pins in Chromium', { standIn: 'local credentials, pin refusal', before: devLinked }, (browserSuite) => {
  browserSuite('a member uses local credentials at a stage; the tree and the chain show it', async ({ h, browser: { page: tab } }) => {
    await tab.goto(`${h.url}/console/orgs/acme/services/shop/api`);
    await fill(tab, 'Access token', MEMBER);
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, 'h1'), 'Inheritance of shop/api');
    assert.equal(await unlabelled(tab), []);
    assert.is(await tab.evaluate<boolean>(`!!document.querySelector('#pin-form')`), false);
    await fill(tab, 'Stage (empty: the service)', 'dev', '#local-form');
    await focus(tab, '#local-form button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#notice'), 'shop/api/dev uses local credentials');
    assert.match(await text(tab, '[data-scope="dev"]'), /Stage dev \(every region\): local credentials \(on purpose\) by mo/);
    await fill(tab, 'Stage', 'dev', '#resolve-form');
    await fill(tab, 'Region (optional)', 'eu-west-1', '#resolve-form');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#resolution'), 'dev / eu-west-1 uses local credentials, on purpose — from stage');
    const answered = await tab.evaluate<string[]>(`[...document.querySelector('#chain tr[aria-current]').cells].map((c) => c.textContent.replace(/\\s+/g, ' ').trim())`);
    assert.equal(answered.slice(0, 3), ['→ stage', 'shop/api/dev', 'local credentials']);
    assert.match(answered[3]!, /^by mo, /);
    await shot(tab, 'service-local-credentials');
  });

  browserSuite('an admin pins: a pin a link breaks shows the domain message, one that fits shows on the tree', async ({ h, browser: { page: tab } }) => {
    await tab.navigating(`document.querySelector('header form').submit()`);
    await fill(tab, 'Access token', ADMIN);
    await tab.pressNavigating('Enter');
    await tab.goto(`${h.url}/console/orgs/acme/services/shop/api`);
    assert.equal(await unlabelled(tab), []);
    await fill(tab, 'Stage (empty: the service)', 'prod', '#pin-form');
    await fill(tab, 'Account ids (comma-separated)', '222222222222', '#pin-form');
    await fill(tab, 'Reason', 'the prod account only', '#pin-form');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#form-error'), /111111111111/);
    await shot(tab, 'pin-refused');
    await fill(tab, 'Account ids (comma-separated)', '111111111111', '#pin-form');
    await fill(tab, 'Reason', 'the dev account', '#pin-form');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#notice'), 'shop/api is now pinned to 111111111111');
    assert.match(await text(tab, '[data-testid=service-link]'), /Service shop\/api: dev 111111111111 by mo.* pinned to 111111111111 \(“the dev account”\) by alice/);
    await fill(tab, 'Stage', 'prod', '#resolve-form');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#account-check'), 'Allowed accounts: 111111111111; account check: passed');
    await shot(tab, 'service-pins');
  });
});
