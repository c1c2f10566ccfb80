// The issuance log page in headless Chromium, by the keyboard: hand-outs and a withheld attempt
// with its reason, a filter, and the admin's prune form. Screenshots go to test-output/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumPath, launchChromium, type Browser } from './support/chromium.js';
import { ADMIN, startHarness, type Harness } from './support/harness.js';
import { seedIssuance } from './support/issuance-seed.js';
import { motoAvailable, startMoto, type Moto } from './support/moto.js';
import { fill, focus, shot, text, unlabelled } from './support/page-helpers.js';

const browserSuite = suite<{ h: Harness; browser: Browser; moto: Moto }>('the issuance log in Chromium', {} as { h: Harness; browser: Browser; moto: Moto });
const path = chromiumPath();
const chromiumMissing = path === undefined && process.env.REQUIRE_CHROMIUM !== '1';
const motoMissing = !motoAvailable() && process.env.REQUIRE_MOTO !== '1';

if (chromiumMissing || motoMissing) {
  console.log(`SKIPPED: ${chromiumMissing ? `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}` : 'moto_server is not on PATH (pip install "moto[server]")'}`);
  browserSuite.skip('the issuance log', () => undefined);
} else {
  browserSuite.before(async (context) => {
    if (path === undefined) throw new Error('REQUIRE_CHROMIUM=1 but there is no Chromium at /usr/bin/chromium');
    context.moto = await startMoto();
    context.h = await startHarness();
    await seedIssuance(context.h, context.moto);
    context.browser = await launchChromium(path);
  });
  browserSuite.after(async ({ h, browser, moto }) => {
    await browser?.close();
    await h?.close();
    await moto?.close();
  });

  browserSuite('hand-outs and a withheld attempt with its reason; a filter; an admin prunes', async ({ h, browser: { page: tab } }) => {
    await tab.goto(`${h.url}/console/orgs/acme/issuance`);
    await fill(tab, 'Access token', ADMIN);
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, 'h1'), 'Issuance log of acme');
    assert.equal(await unlabelled(tab), []);
    assert.is(await text(tab, '#issuance-count'), '2 hand-outs, 1 withheld');
    assert.match(await text(tab, '#issuance tr[data-kind=withheld]'), /mo.*withheld.*shop\/api\/prod\/eu-west-1.*withheld \(local-fallback; allowed 111111111111\): .*saw account 123456789012/);
    await shot(tab, 'issuance-log');
    await fill(tab, 'Service', 'worker', '#issuance-filters');
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, '#issuance-count'), '1 hand-outs');
    assert.match(await text(tab, '#issuance tbody tr'), /static-keys.*shop\/worker\/dev\/eu-west-1.*ci.*333333333333/);
    await fill(tab, 'Older than (whole days 90d, or hours 36h)', 'soon');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#form-error'), /^olderThan: .*whole days/);
    await fill(tab, 'Older than (whole days 90d, or hours 36h)', '90d');
    await focus(tab, '#prune-form button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#notice'), /^pruned 0 issuance records older than .*; 2 kept$/);
  });
}

browserSuite.run();
