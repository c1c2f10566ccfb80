// The console in headless Chromium (Debian's `chromium`), driven by the keyboard: sign in, add a
// provider, link, replace with confirmation, time travel. Screenshots go to test-output/.
import * as assert from 'uvu/assert';
import { consoleInChromium } from './support/console-in-chromium.js';
import { ADMIN, MEMBER } from './support/harness.js';
import { choose, fill, focus, shot, text, unlabelled } from './support/page-helpers.js';

consoleInChromium('the console in Chromium', { standIn: 'sign in, add, link, replace with confirmation, time travel' }, (browserSuite) => {
  browserSuite('signs in with the keyboard', async ({ h, browser: { page: tab } }) => {
    await tab.goto(`${h.url}/console/orgs/acme`);
    assert.equal(await unlabelled(tab), []);
    await fill(tab, 'Access token', ADMIN);
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, 'h1'), 'Providers of acme');
    assert.match(await text(tab, 'header'), 'Signed in as alice (admin)');
    assert.equal(await unlabelled(tab), []);
  });

  browserSuite('adds a provider; a bad ARN shows the domain message', async ({ browser: { page: tab } }) => {
    await fill(tab, 'Name', 'dev');
    await fill(tab, 'Role ARN', 'arn:aws:iam::1111:role/deploy');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#form-error'), /roleArn.*ARN/);
    for (const [name, arn] of [['dev', '111111111111'], ['prod', '222222222222']]) {
      await fill(tab, 'Name', name!);
      await fill(tab, 'Role ARN', `arn:aws:iam::${arn}:role/deploy`);
      await tab.pressNavigating('Enter');
      assert.match(await text(tab, '#notice'), `added provider ${name}`);
    }
    assert.match(await text(tab, '[data-provider=prod]'), '222222222222');
    await choose(tab, '#default-provider', await tab.evaluate<string>(`[...document.querySelectorAll('#default-provider option')].find((o) => o.textContent.startsWith('dev')).value`));
    await focus(tab, '#default-form button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '[data-testid=org-default]'), /aws: dev 111111111111/);
    await shot(tab, 'org-page');
  });

  browserSuite('a member links, and replaces a link after confirming', async ({ h, browser: { page: tab } }) => {
    await tab.navigating(`document.querySelector('header form').submit()`);
    await fill(tab, 'Access token', MEMBER);
    await tab.pressNavigating('Enter');
    await fill(tab, 'App', 'shop');
    await fill(tab, 'Service', 'api');
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, 'h1'), 'Inheritance of shop/api');
    assert.equal(await unlabelled(tab), []);
    assert.match(await text(tab, '[data-testid=service-link]'), 'inherits the org default');
    const optionOf = (name: string) => tab.evaluate<string>(`[...document.querySelectorAll('#link-provider option')].find((o) => o.textContent.startsWith(${JSON.stringify(name)})).value`);
    await choose(tab, '#link-provider', await optionOf('dev'));
    await fill(tab, 'Stage (empty: the service)', 'prod');
    await fill(tab, 'Region (empty: every region)', 'eu-west-1');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '[data-scope="prod/eu-west-1"]'), /Instance prod \/ eu-west-1: dev 111111111111 by mo/);

    await choose(tab, '#link-provider', await optionOf('prod'));
    await fill(tab, 'Stage (empty: the service)', 'prod');
    await fill(tab, 'Region (empty: every region)', 'eu-west-1');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#replace-form'), /prod \/ eu-west-1 is linked to dev\. Replace it\?/);
    await shot(tab, 'replace-confirmation');
    await focus(tab, '#replace-form button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '[data-scope="prod/eu-west-1"]'), /prod 222222222222/);
    assert.match(await text(tab, '#notice'), 'linked shop/api/prod/eu-west-1');
    const picture = await h.call(MEMBER, 'GET', '/api/orgs/acme/services/shop/api');
    assert.equal(picture.body.placements.map((p: { provider: { name: string } }) => p.provider.name), ['prod']);
  });

  browserSuite('time travel: the audit trail leads to the org and the service as they were', async ({ h, browser: { page: tab } }) => {
    await tab.goto(`${h.url}/console/orgs/acme/audit`);
    await fill(tab, 'Stage', 'prod');
    await tab.pressNavigating('Enter');
    const rows = await tab.evaluate<string[]>(`[...document.querySelectorAll('#audit tbody tr')].map((r) => [...r.cells].map((c) => c.textContent.replace(/\\s+/g, ' ').trim()).join(' | '))`);
    assert.is(rows.length, 2);
    assert.match(rows[1]!, /mo \(member\) \| linked \| prod 222222222222 \| shop\/api\/prod\/eu-west-1 \| dev 111111111111/, rows[1]);
    const first = await tab.evaluate<string>(`document.querySelector('#audit tbody tr').dataset.position`);
    await focus(tab, `#audit tbody tr[data-position="${first}"] a[href*="/services/"]`);
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#as-of-banner'), `As of ${first}`);
    assert.match(await text(tab, '[data-scope="prod/eu-west-1"]'), /dev 111111111111/);
    assert.is(await tab.evaluate<boolean>(`!!document.querySelector('#link-form')`), false);
    await fill(tab, 'Stage', 'prod');
    await fill(tab, 'Region (optional)', 'eu-west-1');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#resolution'), /uses dev 111111111111 — from instance/);
    await shot(tab, 'service-as-of');
    await fill(tab, 'As of (an ISO time with a zone, or a position)', '2000-01-01T00:00:00Z');
    await focus(tab, '#as-of button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '[data-testid=placement]'), '');
    assert.match(await text(tab, '#inheritance'), /no stage or instance has a link or pin of its own/);
  });
});
