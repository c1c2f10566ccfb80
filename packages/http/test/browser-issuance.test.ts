// The issuance log page in headless Chromium, by the keyboard: hand-outs and a withheld attempt
// with its reason, a filter, and the admin's prune form. Screenshots go to test-output/.
import * as assert from 'uvu/assert';
import { consoleInChromium, type InChromium } from './support/console-in-chromium.js';
import { ADMIN } from './support/harness.js';
import { seedIssuance } from './support/issuance-seed.js';
import { startMoto, type Moto } from './support/moto.js';
import { fill, focus, shot, text, unlabelled } from './support/page-helpers.js';
import { motoNeeded } from './support/tool-gate.js';

/** moto_server, whose STS the seeded hand-outs went through, stopped at the end. */
interface WithMoto {
  moto: Moto;
}
const seeded = async (context: InChromium & WithMoto) => {
  context.moto = await startMoto();
  await seedIssuance(context.h, context.moto);
};
const stopMoto = async ({ moto }: Partial<WithMoto>) => {
  await moto?.close();
};

consoleInChromium<WithMoto>('the issuance log in Chromium', { standIn: 'the issuance log', needs: [motoNeeded()], before: seeded, after: stopMoto }, (browserSuite) => {
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
});
