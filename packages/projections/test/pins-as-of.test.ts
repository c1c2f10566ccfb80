// Account pins in the read models as of a point: the resolution index shows the pins that were
// in force then, and the audit trail the pin facts up to then.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildAsOf } from '../src/index.js';
import { admin, setup } from './support.js';

const prod = { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' } as const;
const api = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };

test('as of a point, resolve shows the pins as they were; later pins and removals are not in it', async () => {
  const s = setup();
  await s.addRole('p-prod', 'prod', '222222222222'); // 1
  await s.run(admin, { type: 'PinAccount', scope: { kind: 'org' }, accountIds: ['111111111111', '222222222222'], reason: 'our accounts' }); // 2
  const pinned = await s.run(admin, { type: 'PinAccount', scope: prod, accountIds: ['222222222222'], reason: 'prod is prod' }); // 3
  await s.link('p-prod', 'app1', 'api', { stage: 'prod' }); // 4
  await s.run(admin, { type: 'RemoveAccountPin', scope: prod, reason: 'moved' }); // 5

  const then = await buildAsOf(s.store, { position: pinned.position! });
  const answer = then.index.resolve(api);
  assert.equal(answer.pins.map((p) => [p.scope, p.key, p.accountIds, p.setBy.position]), [
    ['stage', 'app1/api/prod', ['222222222222'], '3'],
    ['org', 'org', ['111111111111', '222222222222'], '2'],
  ]);
  assert.equal(answer.allowedAccountIds, ['222222222222']);
  assert.is(answer.accountCheck, 'no-provider');
  assert.equal(then.audit.query({ actions: ['account-pinned', 'account-pin-removed'] }).map((f) => f.action), ['account-pinned', 'account-pinned']);

  const now = (await buildAsOf(s.store, {})).index.resolve(api);
  assert.equal(now.pins.map((p) => p.key), ['org']);
  assert.equal([now.provider?.id, now.accountCheck], ['p-prod', 'passed']);
});

test.run();
