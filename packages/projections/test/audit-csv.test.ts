// The audit trail as CSV: a header, one quoted-as-needed line per fact, no secret, and the fields of pins and observed accounts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditTrail, auditCsv } from '../src/index.js';
import { admin, restoredFrom, seal, setup, trailOf } from './support.js';

const csv = suite('auditCsv');

csv('CSV: a header and one quoted-as-needed line per fact', async () => {
  const { store, addRole, link } = setup();
  await addRole('p-1', 'dev eu', '111111111111');
  await link('p-1', 'app1', 'api');
  const csv = auditCsv((await trailOf(store)).query());
  const lines = csv.split('\r\n');
  assert.is(
    lines[0],
    'at,actor,role,action,orgId,providerId,providerName,providerType,accountId,scope,scopeKey,replacedProviderId,replacedProviderName,replacedAccountId,previousName,previousAccountId,position,commandId,accountIds,accountObserved,reason',
  );
  assert.is(lines[2], '2026-03-01T10:02:00.000Z,bob,member,linked,acme,p-1,dev eu,aws,111111111111,service,app1/api,,,,,,2,c-acme-2,,,');
  assert.is(auditCsv([{ ...(await trailOf(store)).query()[0]!, providerName: '=cmd|"x"' }]).split('\r\n')[1]!.split(',')[6], `"'=cmd|""x"""`);
});

csv('CSV carries the accounts a pin names, its reason, and whether static keys’ account was observed', async () => {
  const s = setup();
  const keys = (id: string) => ({ kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: seal('keysSecret', `acme/${id}`) });
  await s.run(admin, { type: 'AddProvider', providerId: 'k-1', name: 'observed', providerType: 'aws', credentials: keys('k-1'), observedAccountId: '222222222222' });
  await s.run(admin, { type: 'AddProvider', providerId: 'k-2', name: 'declared', providerType: 'aws', credentials: keys('k-2'), accountId: '333333333333' });
  await s.run(admin, { type: 'UpdateProviderCredentials', providerId: 'k-2', credentials: keys('k-2'), observedAccountId: '222222222222' });
  await s.run(admin, { type: 'PinAccount', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: ['222222222222', '011111111111'], reason: 'prod, and its "backup"' });
  const trail = await trailOf(s.store);
  const facts = trail.query({ orgId: 'acme' });
  assert.equal(
    facts.map((f) => [f.action, f.accountId, f.accountObserved ?? null, f.previousAccountId ?? null]),
    [
      ['provider-added', '222222222222', true, null],
      ['provider-added', '333333333333', null, null],
      ['credentials-updated', '222222222222', true, '333333333333'],
      ['account-pinned', null, null, null],
    ],
  );
  const rows = auditCsv(facts).split('\r\n');
  const lastCells = (row: string | undefined) => (row ?? '').split(',').slice(-3).join(',');
  assert.equal([rows[1], rows[2], rows[3]].map(lastCells), [',true,', ',,', ',true,']);
  assert.ok(rows[4]!.endsWith(',011111111111 222222222222,,"prod, and its ""backup"""'), rows[4]);
  assert.not.match(auditCsv(facts), 'keysSecret');
  assert.equal(restoredFrom(trail, new AuditTrail()).query({ orgId: 'acme' }), facts);
});

csv.run();
