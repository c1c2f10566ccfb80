// `providers migrate`, `audit` and `rebuild` through the real binary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seedExport } from '@providers/migration/testing';
import { workspace } from './support.js';

const legacy = seedExport();

const cli = suite('providers migrate, audit, rebuild');
const ws = workspace();
const file = join(ws.dir, 'legacy.json');
writeFileSync(file, JSON.stringify(legacy));
const eventCount = () => ws.run(['history', '--org', 'acme', '--json']).json<unknown[]>().length;

cli('a dry run prints the plan and appends nothing', () => {
  const r = ws.run(['migrate', '--org', 'acme', '--from', file, '--dry-run', '--json']);
  assert.is(r.code, 0, r.stderr);
  const { migration } = r.json<{ migration: { providersCreated: { name: string }[]; skipped: { profileId: string }[] } }>();
  assert.equal(migration.providersCreated.map((p) => p.name).sort(), ['dev', 'prod']);
  assert.equal(migration.skipped.map((s) => s.profileId), ['p-old']);
  assert.is(eventCount(), 0);
});

cli('the migration: dev on the service, prod on the prod stage; a second run appends nothing', () => {
  assert.is(ws.run(['migrate', '--org', 'acme', '--from', file]).code, 0);
  const after = eventCount();
  assert.ok(after > 0);
  const prod = ws.run(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--region', 'eu-west-1', '--json']).json<{ source: string; provider: { accountId: string } }>();
  assert.equal([prod.source, prod.provider.accountId], ['stage', '222222222222']);
  const dev = ws.run(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'dev', '--json']).json<{ source: string; provider: { accountId: string } }>();
  assert.equal([dev.source, dev.provider.accountId], ['service', '111111111111']);
  assert.is(ws.run(['migrate', '--org', 'acme', '--from', file]).code, 0);
  assert.is(eventCount(), after);
});

cli('a profile name that was only made valid is reported as such, not as taken', () => {
  const renamed = join(ws.dir, 'renamed.json');
  writeFileSync(renamed, JSON.stringify({ org: 'renames', deploymentProfiles: [{ id: 'p-x', name: '@x', awsAccessRoleArn: 'arn:aws:iam::333333333333:role/deploy' }], apps: [] }));
  const r = ws.run(['migrate', '--org', 'renames', '--from', renamed, '--dry-run']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, `name profile "@x"'s provider "x": "@x" is not a valid provider name`);
  assert.not.match(r.stdout, 'taken');
});

cli('a bad export names the path in the file, exit 1, nothing appended', () => {
  const bad = join(ws.dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...legacy, apps: [{ ...legacy.apps[0], services: [{ name: 'service1', instances: [{ stage: 'dev', region: 'moon-1' }] }] }] }));
  const before = eventCount();
  const r = ws.run(['migrate', '--org', 'acme', '--from', bad, '--json']);
  assert.is(r.code, 1);
  assert.match(JSON.parse(r.stderr).error.field, /apps\[0\]\.services\[0\]\.instances\[0\]\.region/);
  assert.is(eventCount(), before);
});

interface Fact { at: string; actor: { id: string; role: string }; action: string; accountId: string | null; replacedAccountId?: string; position: string }

cli('audit --account lists exactly the facts of that account, oldest first, with actors', () => {
  assert.is(ws.run(['add', '--org', 'acme', '--name', 'sandbox', '--type', 'aws', '--role-arn', 'arn:aws:iam::333333333333:role/x']).code, 0);
  assert.is(ws.run(['--role', 'member', '--actor', 'bob', 'link', '--org', 'acme', '--provider', 'sandbox', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--replace']).code, 0);
  const facts = ws.run(['audit', '--org', 'acme', '--account', '222222222222', '--format', 'json']).json<Fact[]>();
  assert.ok(facts.length >= 3);
  assert.ok(facts.every((f) => f.accountId === '222222222222' || f.replacedAccountId === '222222222222'));
  assert.ok(facts.every((f) => f.actor.id && f.actor.role));
  assert.equal(facts.map((f) => BigInt(f.position)), [...facts.map((f) => BigInt(f.position))].sort((a, b) => (a < b ? -1 : 1)));
  const replacement = facts.at(-1)!;
  assert.equal([replacement.action, replacement.actor.id, replacement.replacedAccountId], ['linked', 'bob', '222222222222']);
  const csv = ws.run(['audit', '--org', 'acme', '--format', 'csv']).stdout.trim().split('\n');
  assert.ok(csv[0]!.startsWith('at,actor'));
  assert.is(csv.length - 1, ws.run(['audit', '--org', 'acme', '--format', 'json']).json<Fact[]>().length);
});

cli('rebuild replays every projection and says so', () => {
  const r = ws.run(['rebuild', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(Number(r.json<{ folded: number }>().folded), eventCount());
});

cli.after(() => ws.cleanup());
cli.run();
