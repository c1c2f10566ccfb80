// `providers audit --issued` through the real binary: every `credentials` run is on record (client
// `cli`), listed with the audit filters as JSON, CSV or a table; a store that cannot take the record
// hands out nothing.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { workspace } from './support.js';

// better-sqlite3 as the store package has it: the lock is taken by a plain second connection.
const Database = createRequire(new URL('../../store-sqlite/package.json', import.meta.url))('better-sqlite3') as typeof import('better-sqlite3');

const issued = suite('providers audit --issued');
const ws = workspace({ AWS_ACCESS_KEY_ID: 'AKIAVENDINGIDENTITY1', AWS_SECRET_ACCESS_KEY: 'vendingSecretKeyForTestsOnly000000000000', AWS_REGION: 'us-east-1' });
let sts: StsServer;
let env: Record<string, string>;
const prod = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod', '--region', 'us-east-1'];

issued.before(async () => {
  sts = await startStsServer();
  env = { AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_DISABLED: 'true' };
  assert.is(ws.run(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy', '--default']).code, 0);
  assert.is(ws.run(['add', '--org', 'other', '--name', 'theirs', '--type', 'aws', '--role-arn', 'arn:aws:iam::333333333333:role/deploy', '--default']).code, 0);
});
issued.after(async () => {
  await sts.close();
  ws.cleanup();
});

issued('each credentials run is recorded; --issued lists them with filters as JSON, CSV and a table', async () => {
  assert.is((await ws.runAsync(['--actor', 'bob', 'credentials', ...prod, '--format', 'json'], { env })).code, 0);
  assert.is((await ws.runAsync(['--actor', 'carol', 'credentials', '--org', 'acme', '--app', 'app1', '--service', 'web', '--stage', 'dev'], { env })).code, 0);
  assert.is((await ws.runAsync(['--actor', 'mallory', 'credentials', '--org', 'other', '--app', 'app1', '--service', 'api', '--stage', 'prod'], { env })).code, 0);

  const all = ws.run(['audit', '--org', 'acme', '--issued', '--format', 'json']);
  assert.is(all.code, 0, all.stderr);
  const rows = all.json<Array<{ actor: string; client: string; kind: string; accountId: string; providerName: string; sessionName: string; request: { service: string } }>>();
  assert.equal(rows.map((r) => [r.actor, r.client, r.kind, r.accountId, r.providerName, r.request.service]), [
    ['bob', 'cli', 'assumed-role', '222222222222', 'prod', 'api'],
    ['carol', 'cli', 'assumed-role', '222222222222', 'prod', 'web'],
  ]);
  assert.not.ok(all.stdout.includes('mallory') || all.stdout.includes('333333333333'), 'another org’s records are never listed');
  const secrets = sts.issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]);
  assert.ok(secrets.length >= 3);
  for (const secret of secrets) assert.not.ok(all.stdout.includes(secret), 'no secret in the records');

  assert.equal(ws.run(['audit', '--org', 'acme', '--issued', '--by', 'carol', '--json']).json<Array<{ actor: string }>>().map((r) => r.actor), ['carol']);
  assert.is(ws.run(['audit', '--org', 'acme', '--issued', '--service', 'app1/api', '--stage', 'prod', '--json']).json<unknown[]>().length, 1);
  assert.is(ws.run(['audit', '--org', 'acme', '--issued', '--account', '333333333333', '--json']).json<unknown[]>().length, 0);
  assert.is(ws.run(['audit', '--org', 'acme', '--issued', '--provider', 'PROD', '--until', '2000-01-01', '--json']).json<unknown[]>().length, 0);

  const csv = ws.run(['audit', '--org', 'acme', '--issued', '--format', 'csv']);
  const lines = csv.stdout.trimEnd().split('\r\n');
  assert.is(lines.length, 3);
  assert.match(lines[0] ?? '', /^at,actor,client,kind,app,service,stage,region,type,providerId,providerName/);
  const table = ws.run(['audit', '--org', 'acme', '--issued']);
  assert.match(table.stdout, /AT\s+ACTOR\s+CLIENT\s+KIND/);
  assert.match(table.stdout, /bob\s+cli\s+assumed-role\s+app1\/api\/prod\/us-east-1\s+prod\s+222222222222/);
  assert.is(ws.run(['audit', '--org', 'acme', '--issued', '--since', 'yesterday']).code, 2);
});

issued('prune-issuance keeps what is younger than its age, is for managers, and refuses an age it cannot read', () => {
  const before = ws.run(['audit', '--org', 'acme', '--issued', '--json']).json<unknown[]>().length;
  const kept = ws.run(['prune-issuance', '--org', 'acme', '--older-than', '90d', '--json']);
  assert.is(kept.code, 0, kept.stderr);
  assert.equal(kept.json<{ pruned: number; kept: number }>(), { ...kept.json<object>(), pruned: 0, kept: before });
  assert.is(ws.run(['--role', 'member', 'prune-issuance', '--org', 'acme', '--older-than', '1h']).code, 1);
  const unreadable = ws.run(['prune-issuance', '--org', 'acme', '--older-than', 'soon']);
  assert.equal([unreadable.code, /olderThan/.test(unreadable.stderr)], [2, true]);
  assert.is(ws.run(['audit', '--org', 'acme', '--issued', '--json']).json<unknown[]>().length, before);
});

issued('a vend whose record cannot be written hands out nothing: exit 3, empty stdout', async () => {
  const holder = new Database(join(ws.dir, '.providers', 'events.db'));
  // Another writer of the store, as the store opens it (WAL, so that readers go on), holding the write lock.
  holder.pragma('journal_mode = WAL');
  holder.exec('BEGIN IMMEDIATE');
  try {
    const blocked = await ws.runAsync(['credentials', ...prod, '--format', 'process', '--json'], { env });
    assert.is(blocked.code, 3, blocked.stderr);
    assert.is(blocked.stdout, '', 'no credentials printed');
    assert.is(JSON.parse(blocked.stderr).error._tag, 'IssuanceNotRecorded');
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
});

issued.run();
