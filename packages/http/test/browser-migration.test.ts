// The migration page in headless Chromium, by the keyboard: a pasted export that breaks a rule
// shows the field; a chosen file shows the dry-run plan; running it migrates; running it again
// says there is nothing to do. Screenshots go to test-output/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { seedExport } from '@providers/migration/testing';
import { consoleInChromium } from './support/console-in-chromium.js';
import { ADMIN } from './support/harness.js';
import { fill, focus, shot, text, unlabelled } from './support/page-helpers.js';

/** A folder for the export file the page is given, removed at the end. */
interface ExportDir {
  dir: string;
}
const makeDir = (context: ExportDir) => {
  context.dir = mkdtempSync(join(tmpdir(), 'providers-migration-'));
};
const removeDir = ({ dir }: Partial<ExportDir>) => {
  if (dir) rmSync(dir, { recursive: true, force: true });
};

consoleInChromium<ExportDir>('the migration page in Chromium', { standIn: 'migration preview and run', before: makeDir, after: removeDir }, (browserSuite) => {
  browserSuite('an admin previews an export, runs it, and runs it again', async ({ h, dir, browser: { page: tab } }) => {
    await tab.goto(`${h.url}/console/orgs/acme/migration`);
    await fill(tab, 'Access token', ADMIN);
    await tab.pressNavigating('Enter');
    assert.is(await text(tab, 'h1'), 'Migrate deployment profiles of acme');
    assert.equal(await unlabelled(tab), []);
    await fill(tab, 'Or paste the export', JSON.stringify({ ...seedExport('acme'), org: 'globex' }));
    await focus(tab, '#migration-upload button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#form-error'), /^org: .*acme/);

    const file = join(dir, 'legacy-export.json');
    writeFileSync(file, JSON.stringify(seedExport('acme'), null, 2));
    await tab.setFile('#migration-file', file);
    await focus(tab, '#migration-upload button');
    await tab.pressNavigating('Enter');
    const plan = await tab.evaluate<string>(`document.querySelector('#migration-plan').textContent`);
    assert.match(plan, /^plan for organization acme \(dry run: nothing appended\)\n/);
    assert.match(plan, 'create provider "dev" (account 111111111111) from profile p-dev');
    assert.match(plan, 'skip profile p-old');
    await shot(tab, 'migration-plan');
    assert.equal((await h.call(ADMIN, 'GET', '/api/orgs/acme/providers')).body.providers, []);

    await focus(tab, '#migration-run button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#migration-outcome'), /^migrated organization acme .*events appended: \d+/);
    await shot(tab, 'migration-outcome');
    assert.equal((await h.call(ADMIN, 'GET', '/api/orgs/acme/providers')).body.providers.map((p: { name: string }) => p.name), ['dev', 'prod']);
    await focus(tab, '#migration-run button');
    await tab.pressNavigating('Enter');
    assert.match(await text(tab, '#migration-outcome'), /^organization acme: nothing to do, it is migrated already/);
  });
});
