// `providers migrate` around an account pin, through the real binary: the dry run's text and JSON
// say which link is not made and why (the pin, the scope, the account), the run agrees and carries
// on, and the audit trail's CSV carries the pin's accounts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const DEV = '111111111111';
const PROD = '222222222222';
const legacy = {
  org: 'acme',
  deploymentProfiles: [
    { id: 'p-dev', name: 'dev', awsAccessRoleArn: `arn:aws:iam::${DEV}:role/deploy` },
    { id: 'p-prod', name: 'prod', awsAccessRoleArn: `arn:aws:iam::${PROD}:role/deploy` },
  ],
  apps: [
    {
      name: 'app1',
      stages: { default: 'p-dev', prod: 'p-prod' },
      services: [{ name: 'service1', instances: [{ stage: 'dev', region: 'us-east-1' }, { stage: 'prod', region: 'us-east-1' }] }],
    },
  ],
};

interface SkippedLink {
  scope: string;
  app: string;
  service: string;
  stage?: string;
  providerId: string;
  deployment: { kind: string };
  pin: { scope: { kind: string; stage?: string }; accountIds: string[] };
  accountId: string | null;
  reason: string;
}
type Migration = { migration: { links: { scope: string }[]; linksSkipped: SkippedLink[]; commandsPending: number } };

const cli = suite('providers migrate around an account pin');
const ws = workspace();
const file = join(ws.dir, 'legacy.json');
writeFileSync(file, JSON.stringify(legacy));
const eventCount = () => ws.run(['history', '--org', 'acme', '--json']).json<unknown[]>().length;

cli.after(() => ws.cleanup());

cli('with prod pinned to the dev account, the dry run says the prod stage link is not made, and why', () => {
  const pinned = ws.run(['pin', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--account', DEV, '--reason', 'prod stays in dev for now']);
  assert.is(pinned.code, 0, pinned.stderr);
  const before = eventCount();
  const text = ws.run(['migrate', '--org', 'acme', '--from', file, '--dry-run']);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, '1 link skipped for an account pin');
  assert.match(text.stdout, `skip the stage link app1/service1/prod → provider "prod": `);
  assert.match(text.stdout, `account ${PROD}`);
  assert.match(text.stdout, `pinned to ${DEV}`);
  const json = ws.run(['migrate', '--org', 'acme', '--from', file, '--dry-run', '--json']).json<Migration>();
  const [skipped, ...more] = json.migration.linksSkipped;
  assert.equal(more, []);
  assert.equal(
    [skipped?.scope, skipped?.stage, skipped?.providerId, skipped?.accountId, skipped?.pin.accountIds, skipped?.pin.scope.kind, skipped?.deployment.kind],
    ['stage', 'prod', 'dp-p-prod', PROD, [DEV], 'stage', 'stage'],
  );
  assert.equal(json.migration.links.map((l) => l.scope), ['service']);
  assert.is(eventCount(), before, 'the dry run appends nothing');
});

cli('the run agrees with the dry run and carries on; prod inherits the service link its pin allows; a second run has nothing to do', () => {
  const dry = ws.run(['migrate', '--org', 'acme', '--from', file, '--dry-run', '--json']).json<Migration>();
  const ran = ws.run(['migrate', '--org', 'acme', '--from', file, '--json']);
  assert.is(ran.code, 0, ran.stderr);
  assert.equal(ran.json<Migration>().migration.linksSkipped, dry.migration.linksSkipped);
  const prod = ws.run(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--json']).json<{ source: string; provider: { accountId: string } }>();
  assert.equal([prod.source, prod.provider.accountId], ['service', DEV]);
  const after = eventCount();
  const again = ws.run(['migrate', '--org', 'acme', '--from', file]);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, 'nothing to do');
  assert.match(again.stdout, '1 link not made for an account pin');
  assert.is(eventCount(), after);
});

cli('audit --format csv carries the pin’s accounts and reason', () => {
  const csv = ws.run(['audit', '--org', 'acme', '--format', 'csv']);
  assert.is(csv.code, 0, csv.stderr);
  const [header, ...rows] = csv.stdout.split('\r\n');
  const columns = (header ?? '').split(',');
  const pin = rows.find((row) => row.includes(',account-pinned,'))?.split(',') ?? [];
  assert.is(pin[columns.indexOf('accountIds')], DEV);
  assert.is(pin[columns.indexOf('reason')], 'prod stays in dev for now');
  assert.is(pin[columns.indexOf('scopeKey')], 'app1/service1/prod');
});

cli.run();
