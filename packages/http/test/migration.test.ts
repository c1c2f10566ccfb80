// Migration over the API and the console (no browser): only admins migrate (403 for a member,
// nothing recorded); the dry run shows the CLI's plan and records nothing; the run migrates; a
// second run is idempotent and says so; an export that breaks a rule names its field.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seedExport } from '@providers/migration/testing';
import { consoleClient } from './support/console-client.js';
import { ADMIN, MEMBER, startHarness, type Harness } from './support/harness.js';

const MIGRATION = '/console/orgs/acme/migration';
const test = suite<{ h: Harness }>('migration', {} as { h: Harness });
test.before(async (context) => {
  context.h = await startHarness();
});
test.after(async ({ h }) => h.close());

const providerNames = async (h: Harness, org = 'acme') => (await h.call(ADMIN, 'GET', `/api/orgs/${org}/providers`)).body.providers.map((p: { name: string }) => p.name);

test('the API: a member is refused, a dry run plans and records nothing, a run migrates, a second run has nothing to do', async ({ h }) => {
  const refused = await h.call(MEMBER, 'POST', '/api/orgs/acme/migration', { legacyExport: seedExport('acme'), dryRun: true });
  assert.equal([refused.status, refused.body.error, refused.body.field], [403, 'PermissionDenied', 'actor.role']);
  const shape = await h.call(ADMIN, 'POST', '/api/orgs/acme/migration', { legacyExport: 42 });
  assert.equal([shape.status, shape.body.field], [400, 'legacyExport']);
  const other = await h.call(ADMIN, 'POST', '/api/orgs/acme/migration', { legacyExport: seedExport('globex'), dryRun: true });
  assert.equal([other.status, other.body.error], [400, 'LegacyExportInvalid']);
  assert.match(other.body.field, 'org');
  const plan = await h.call(ADMIN, 'POST', '/api/orgs/acme/migration', { legacyExport: JSON.stringify(seedExport('acme')), dryRun: true });
  assert.is(plan.status, 200, plan.text);
  assert.is(plan.body.text[0], 'plan for organization acme (dry run: nothing appended)');
  assert.ok(plan.body.text.some((line: string) => line.includes('skip profile p-old')), plan.body.text.join('\n'));
  assert.equal(await providerNames(h), []);
  const run = await h.call(ADMIN, 'POST', '/api/orgs/acme/migration', { legacyExport: seedExport('acme') });
  assert.equal([run.status, run.body.dryRun, run.body.text[0]], [200, false, 'migrated organization acme']);
  assert.equal(run.body.migration.providersCreated.map((p: { name: string }) => p.name), ['dev', 'prod']);
  assert.equal(await providerNames(h), ['dev', 'prod']);
  const again = await h.call(ADMIN, 'POST', '/api/orgs/acme/migration', { legacyExport: seedExport('acme') });
  assert.equal(again.body.text.length, 1);
  assert.match(again.body.text[0], /^organization acme: nothing to do, it is migrated already/);
  assert.is(again.body.migration.eventsAppended + again.body.imported.eventsAppended, 0);
});

test('the console: a member sees no upload form and is refused; an admin previews an uploaded file, runs it, and runs it again', async ({ h }) => {
  const member = consoleClient(h.url);
  await member.signIn(MEMBER);
  const seen = await member.get(MIGRATION);
  assert.is(seen.status, 403);
  assert.not.match(seen.html, 'id="migration-upload"');
  assert.match(seen.html, /id="form-error"[^>]*>.*a member may not migrate deployment profiles/s);
  const posted = await member.upload(`${MIGRATION}/preview`, {}, { field: 'exportFile', name: 'export.json', text: JSON.stringify(seedExport('globex')) });
  assert.is(posted.status, 403);

  const admin = consoleClient(h.url);
  await admin.signIn(ADMIN);
  assert.match((await admin.get(MIGRATION)).html, 'id="migration-upload"');
  const early = await admin.post(`${MIGRATION}/run`, {});
  assert.is(early.status, 409);
  assert.match(early.html, /preview its plan first/);
  const bad = await admin.post(`${MIGRATION}/preview`, { exportText: '{"org": "acme", "deploymentProfiles": [{"id": "p-x", "name": "x", "awsAccessRoleArn": "arn:aws:iam::1:role/x"}], "apps": []}' });
  assert.is(bad.status, 400);
  assert.match(bad.html, /id="form-error"[^>]*><strong>deploymentProfiles\[0\]\.awsAccessRoleArn: <\/strong>/);
  // The refused export comes back in the box, escaped, to mend and preview again.
  assert.match(bad.html, /<textarea id="migration-text"[^>]*>\{&quot;org&quot;: &quot;acme&quot;, &quot;deploymentProfiles&quot;: \[\{&quot;id&quot;: &quot;p-x&quot;.*\]\}<\/textarea>/s);
  const withQa = seedExport('acme');
  withQa.deploymentProfiles.push({ id: 'p-qa', name: 'qa', awsAccessRoleArn: 'arn:aws:iam::444444444444:role/deploy' });
  const plan = await admin.upload(`${MIGRATION}/preview`, {}, { field: 'exportFile', name: 'export.json', text: JSON.stringify(withQa) });
  assert.is(plan.status, 200, plan.html);
  assert.match(plan.html, /<pre id="migration-plan">plan for organization acme \(dry run: nothing appended\)/);
  assert.match(plan.html, /create provider &quot;qa&quot; \(account 444444444444\) from profile p-qa/);
  assert.equal(await providerNames(h), ['dev', 'prod']);
  const run = await admin.post(`${MIGRATION}/run`, {});
  assert.match(run.html, /<pre id="migration-outcome">migrated organization acme/);
  assert.equal(await providerNames(h), ['dev', 'prod', 'qa']);
  const again = await admin.post(`${MIGRATION}/run`, {});
  assert.match(again.html, /<pre id="migration-outcome">organization acme: nothing to do, it is migrated already/);
});

test.run();
