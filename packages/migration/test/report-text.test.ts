// The migration as a person reads it: every decision with its reason, counts for a large one, and
// "nothing to do" on a second run instead of the plan again.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DECISIONS_LISTED, migrate, migrateFromExport, migrationText } from '../src/index.js';
import { importOrThrow, migrateOptions, migrateOrThrow, seedExport, setup } from './fixtures.js';

const text = suite('migrationText');

/** The seed, with its stage qa mapped to the profile without a role. */
const seedWithQa = () => {
  const legacy = seedExport();
  (legacy.apps[0]!.stages as Record<string, string>).qa = 'p-old';
  return legacy;
};

text('a dry run lists every decision with its reason: providers, service, stage and local-credentials links, skipped profiles', async () => {
  const { handler } = setup();
  const result = await migrateFromExport(handler, seedWithQa(), migrateOptions({ dryRun: true }));
  if (E.isLeft(result)) throw new Error(result.left.message);
  assert.equal(migrationText(result.right.migration, { dryRun: true, imported: result.right.imported }), [
    'plan for organization acme (dry run: nothing appended)',
    '  legacy export: 3 profiles recorded, 0 updated, 3 stage mappings, 2 instances',
    '  providers: 2 to create, 0 reused; 1 profile skipped (no role)',
    '  links: 1 service link, 1 stage link, 1 local-credentials link; 0 existing links kept; 0 services without a service link',
    '    - create provider "dev" (account 111111111111) from profile p-dev',
    '    - create provider "prod" (account 222222222222) from profile p-prod',
    '    - service link app1/service1 → provider "dev": app1\'s default stage maps to profile "dev" (p-dev): every stage without a mapping of its own deployed with its role',
    '    - local credentials at stage app1/service1/qa: stage qa of app1 maps to profile "old" (p-old), which has no role: its deployments used the deployer\'s own credentials, and a service link must not reach it',
    '    - stage link app1/service1/prod → provider "prod": stage prod of app1 maps to profile "prod" (p-prod)',
    '    - skip profile p-old: deployment profile "old" has no AWS access role ARN: its deployments used the deployer\'s own credentials, so no provider replaces it',
  ]);
});

text('a run says what it appended; the second run says there is nothing to do, in one line', async () => {
  const { handler } = setup();
  await importOrThrow(handler, seedWithQa());
  const first = await migrateOrThrow(handler);
  const lines = migrationText(first);
  assert.is(lines[0], 'migrated organization acme');
  assert.is(lines.at(-1), `  events appended: ${first.eventsAppended}`);
  const again = await migrate(handler, 'acme', migrateOptions({ dryRun: true }));
  if (E.isLeft(again)) throw new Error(again.left.message);
  assert.equal(migrationText(again.right, { dryRun: true }), [
    'organization acme: nothing to do, it is migrated already (2 providers, 1 service link, 1 stage link, 1 local-credentials link, 1 profile skipped)',
  ]);
});

text(`more than ${DECISIONS_LISTED} decisions print counts; --verbose lists each`, async () => {
  const { handler } = setup();
  const legacy = seedExport();
  legacy.apps[0]!.services = Array.from({ length: DECISIONS_LISTED }, (_, i) => ({ name: `svc${i}`, instances: [{ stage: 'dev', region: 'us-east-1' }] }));
  await importOrThrow(handler, legacy);
  const plan = await migrate(handler, 'acme', migrateOptions({ dryRun: true }));
  if (E.isLeft(plan)) throw new Error(plan.left.message);
  const summary = migrationText(plan.right, { dryRun: true });
  assert.equal(summary.slice(1), [
    '  providers: 2 to create, 0 reused; 1 profile skipped (no role)',
    `  links: ${DECISIONS_LISTED} service links, ${DECISIONS_LISTED} stage links, 0 local-credentials links; 0 existing links kept; 0 services without a service link`,
    `  (${2 * DECISIONS_LISTED + 3} decisions; --verbose lists each with its reason)`,
  ]);
  const verbose = migrationText(plan.right, { dryRun: true, verbose: true });
  assert.is(verbose.filter((line) => line.startsWith('    - ')).length, 2 * DECISIONS_LISTED + 3);
});

text.run();
