// The migration replay: a dry run appends nothing and plans what the run does; every deployed instance
// answers after the migration as the legacy model did; a re-run changes nothing; a bad file changes nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '@providers/sdk';
import { describeReplay, replayMigration, type MigrationReplay } from '../src/migration-replay.js';

const SAMPLE = readFileSync(fileURLToPath(new URL('../legacy-export.json', import.meta.url)), 'utf8');
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const replayed = async (providers: Providers, text = SAMPLE): Promise<MigrationReplay> => {
  const result = await replayMigration(providers, text);
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
};

test('the dry run appends nothing and plans exactly what the migration then does', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  try {
    const replay = await replayed(providers);
    assert.is(replay.eventsAfterDryRun, 0);
    const { eventsAppended: planned, ...dryRun } = replay.dryRun;
    const { eventsAppended, ...migration } = replay.migration;
    assert.is(planned, 0);
    assert.equal(dryRun, migration);
    assert.equal(migration.providersCreated.map((p) => [p.profileId, p.accountId]), [['p-dev', '111111111111'], ['p-prod', '222222222222']]);
    assert.equal(migration.skipped.map((s) => s.profileId), ['p-old']);
    assert.equal(migration.links.map((l) => [l.scope, l.stage ?? null, l.providerId]), [
      ['service', null, 'dp-p-dev'],
      ['stage', 'qa', null],
      ['stage', 'prod', 'dp-p-prod'],
    ]);
    assert.ok(eventsAppended > 0);
    assert.is((await providers.history('acme')).length, replay.imported.eventsAppended + eventsAppended);
  } finally {
    await providers.close();
  }
});

test('every deployed instance, and a stage never deployed, deploys as the legacy model said after the migration; before it nothing resolved', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  try {
    const { instances } = await replayed(providers);
    assert.equal(
      instances.map((i) => [i.instance, i.legacy.roleArn?.split(':')[4] ?? null, i.before.from, i.after.roleArn?.split(':')[4] ?? null, i.after.from, i.after.local ?? false, i.same]),
      [
        ['app1/service1/dev/us-east-1', '111111111111', 'none', '111111111111', 'service', false, true],
        ['app1/service1/prod/us-east-1', '222222222222', 'none', '222222222222', 'stage', false, true],
        ['app1/service1/qa/us-east-1', null, 'none', null, 'stage', true, true],
        ['app1/service1/int', '111111111111', 'none', '111111111111', 'service', false, true],
      ],
    );
    assert.equal(instances.map((i) => i.newStage), [false, false, false, true]);
  } finally {
    await providers.close();
  }
});

test('replaying again on the same store appends nothing and answers the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migration-replay-'));
  const store = `sqlite:${join(dir, 'events.db')}`;
  try {
    const first = await Providers.open({ store });
    const once = await replayed(first);
    await first.close();
    const second = await Providers.open({ store });
    const twice = await replayed(second);
    const events = (await second.history('acme')).length;
    await second.close();
    assert.equal([twice.imported.eventsAppended, twice.migration.eventsAppended, twice.migration.commandsPending], [0, 0, 0]);
    assert.is(events, once.imported.eventsAppended + once.migration.eventsAppended);
    assert.equal(twice.instances.map((i) => i.after), once.instances.map((i) => i.after));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an export that breaks a rule is refused with its path, and nothing is appended', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  try {
    const broken = SAMPLE.replace('"stage": "qa", "region": "us-east-1"', '"stage": "qa", "region": "eu-westish-1"');
    const result = await replayMigration(providers, broken);
    assert.is(result._tag, 'Left');
    if (result._tag === 'Left') assert.match(result.left.message, /^apps\[0\]\.services\[0\]\.instances\[2\]\.region: /);
    assert.is((await providers.history('acme')).length, 0);
  } finally {
    await providers.close();
  }
});

test('an org pinned to the dev account gets no prod link: the replay lists it as not made and shows prod no longer deploying where it did', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  try {
    const pinned = await providers.pin({ orgId: 'acme', actor: { id: 'sec', role: 'admin' }, accountIds: ['111111111111'], reason: 'dev only' });
    assert.is(pinned._tag, 'Right');
    const replay = await replayed(providers);
    assert.equal(replay.migration.linksSkipped.map((l) => [l.scope, l.stage, l.providerId, l.accountId, l.pin.accountIds]), [['stage', 'prod', 'dp-p-prod', '222222222222', ['111111111111']]]);
    const prod = replay.instances.find((i) => i.instance === 'app1/service1/prod/us-east-1');
    assert.equal([prod?.legacy.roleArn?.split(':')[4], prod?.after.roleArn?.split(':')[4], prod?.same], ['222222222222', '111111111111', false]);
    const lines = describeReplay(replay);
    assert.ok(lines.some((line) => /^ {2}stage link app1\/service1\/prod not made \(an account pin\): .*222222222222/.test(line)), lines.join('\n'));
    assert.ok(lines.includes(`≠ app1/service1/prod/us-east-1 | prod 222222222222 (stage) | own credentials (none) | dev 111111111111 (service)`), lines.join('\n'));
  } finally {
    await providers.close();
  }
});

test('the script prints the dry run, the migration and the comparison, and exits 0', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0]!, /^dry run: \d+ commands pending, 2 providers to create, .* 0 events in the store$/);
  assert.ok(lines.includes('= app1/service1/qa/us-east-1 | own credentials (stage) | own credentials (none) | own credentials (local link at stage)'), stdout);
  assert.ok(lines.includes('= app1/service1/int (never deployed) | dev 111111111111 (default) | own credentials (none) | dev 111111111111 (service)'), stdout);
  assert.not.ok(lines.some((line) => line.startsWith('≠')), stdout);
});

test.run();
