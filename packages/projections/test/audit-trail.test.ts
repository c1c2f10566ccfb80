// The audit trail: who linked which provider (and so which AWS account) to what, when, and what it replaced.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditTrail, auditCsv, project, type AuditFact } from '../src/index.js';
import { admin, member, owner, restoredFrom, seal, setup, trailOf } from './support.js';

const audit = suite('AuditTrail');

/** The acme history of the scenarios below: two role providers, links, a replacement, a default, a rename, a forced removal. */
const history = async () => {
  const s = setup();
  await s.addRole('p-dev', 'dev', '111111111111');
  await s.addRole('p-prod', 'prod', '222222222222');
  await s.link('p-dev', 'app1', 'api');
  await s.link('p-dev', 'app1', 'api', { stage: 'prod', region: 'us-east-1' });
  await s.run(owner, { type: 'LinkProviderToInstance', providerId: 'p-prod', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1', replace: true });
  await s.run(admin, { type: 'SetDefaultProvider', providerId: 'p-dev' });
  await s.run(admin, { type: 'RenameProvider', providerId: 'p-dev', name: 'development' });
  await s.link('p-dev', 'app2', 'web', { stage: 'dev' });
  await s.run(admin, { type: 'RemoveProvider', providerId: 'p-dev', force: true });
  return s;
};

const brief = (facts: readonly AuditFact[]) =>
  facts.map((f) => [f.action, f.actor.id, f.providerName, f.accountId, f.scope?.key ?? null, f.replacedAccountId ?? null]);

audit('one fact per event, with the name and account of that moment, the scope, and what was replaced', async () => {
  const { store } = await history();
  const facts = (await trailOf(store)).query({ orgId: 'acme' });
  assert.equal(brief(facts), [
    ['provider-added', 'alice', 'dev', '111111111111', null, null],
    ['provider-added', 'alice', 'prod', '222222222222', null, null],
    ['linked', 'bob', 'dev', '111111111111', 'app1/api', null],
    ['linked', 'bob', 'dev', '111111111111', 'app1/api/prod/us-east-1', null],
    ['linked', 'olivia', 'prod', '222222222222', 'app1/api/prod/us-east-1', '111111111111'],
    ['default-set', 'alice', 'dev', '111111111111', 'org/aws', null],
    ['provider-renamed', 'alice', 'development', '111111111111', null, null],
    ['linked', 'bob', 'development', '111111111111', 'app2/web/dev', null],
    ['unlinked', 'alice', 'development', '111111111111', 'app1/api', null],
    ['unlinked', 'alice', 'development', '111111111111', 'app2/web/dev', null],
    ['default-cleared', 'alice', 'development', '111111111111', 'org/aws', null],
    ['provider-removed', 'alice', 'development', '111111111111', null, null],
  ]);
  assert.equal(facts.map((f) => Number(f.position)), facts.map((_, i) => i + 1), 'oldest first, with positions');
  const replacement = facts[4]!;
  assert.equal(
    { id: replacement.replacedProviderId, name: replacement.replacedProviderName, role: replacement.actor.role, scope: replacement.scope },
    { id: 'p-dev', name: 'dev', role: 'owner', scope: { kind: 'instance', key: 'app1/api/prod/us-east-1', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' } },
  );
  assert.is(facts[6]!.previousName, 'dev');
  const removal = facts.slice(8);
  assert.ok(removal.every((f) => f.commandId === removal[0]!.commandId), 'a forced removal’s facts share its command id');
});

audit('by account: exactly the facts that involved it (its own, and where it was replaced), oldest first, with actors', async () => {
  const { store } = await history();
  const model = await trailOf(store);
  const prod = model.query({ orgId: 'acme', accountId: '222222222222' });
  assert.equal(brief(prod), [
    ['provider-added', 'alice', 'prod', '222222222222', null, null],
    ['linked', 'olivia', 'prod', '222222222222', 'app1/api/prod/us-east-1', '111111111111'],
  ]);
  const dev = model.query({ orgId: 'acme', accountId: '111111111111', actions: ['linked', 'unlinked'] });
  assert.equal(dev.map((f) => [f.action, f.scope?.key, f.providerId]), [
    ['linked', 'app1/api', 'p-dev'],
    ['linked', 'app1/api/prod/us-east-1', 'p-dev'],
    ['linked', 'app1/api/prod/us-east-1', 'p-prod'],
    ['linked', 'app2/web/dev', 'p-dev'],
    ['unlinked', 'app1/api', 'p-dev'],
    ['unlinked', 'app2/web/dev', 'p-dev'],
  ]);
  assert.equal(model.query({ orgId: 'acme', accountId: '999999999999' }), []);
});

audit('a credentials update that moves the provider to another account is found under both accounts', async () => {
  const { store, addRole, link, run } = setup();
  await addRole('p-x', 'x', '111111111111');
  await link('p-x', 'app1', 'api');
  await run(admin, { type: 'UpdateProviderCredentials', providerId: 'p-x', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::555555555555:role/deploy', externalId: 'ext-id', sessionDurationSeconds: 3600 } });
  await link('p-x', 'app1', 'web');
  const model = await trailOf(store);
  const update = model.query({ accountId: '111111111111', actions: ['credentials-updated'] });
  assert.equal(update.map((f) => [f.accountId, f.previousAccountId, f.credentialsKind]), [['555555555555', '111111111111', 'aws-role']]);
  assert.equal(model.query({ accountId: '555555555555' }).map((f) => [f.action, f.scope?.key ?? null]), [['credentials-updated', null], ['linked', 'app1/web']]);
});

audit('filters: provider by id or by any name it had, app/service, stage, actor, time range, org', async () => {
  const { store, timeOf } = await history();
  const model = await trailOf(store);
  const byOldName = model.query({ orgId: 'acme', provider: 'DEV' });
  assert.ok(byOldName.length > 0);
  assert.ok(byOldName.every((f) => f.providerId === 'p-dev' || f.replacedProviderId === 'p-dev'));
  assert.equal(byOldName, model.query({ orgId: 'acme', provider: 'p-dev' }));
  assert.equal(byOldName, model.query({ orgId: 'acme', provider: 'development' }));
  assert.equal(model.query({ orgId: 'acme', app: 'app2', service: 'web' }).map((f) => f.action), ['linked', 'unlinked']);
  assert.equal(model.query({ orgId: 'acme', stage: 'prod' }).map((f) => f.providerId), ['p-dev', 'p-prod']);
  assert.equal(model.query({ orgId: 'acme', actor: 'olivia' }).map((f) => f.position), ['5']);
  assert.equal(model.query({ orgId: 'acme', since: timeOf(3), until: timeOf(4) }).map((f) => f.position), ['3', '4']);
  assert.equal(model.query({ orgId: 'acme', until: '2026-03-01T10:02:00+00:00' }).map((f) => f.position), ['1', '2']);
  assert.equal(model.query({ orgId: 'other' }), []);
  assert.throws(() => model.query({ since: 'last tuesday' }), (e: Error) => e.name === 'InvalidAuditQuery' && /since/.test(e.message));
  assert.throws(() => model.query({ until: '2026-03-01T10:00:00' }), /until/, 'a time without a zone is refused');
});

audit('no secret ever: static keys and vendor secrets leave no ciphertext, iv, tag or plaintext in any fact', async () => {
  const { store, addKeys, run, link } = setup();
  const keys = seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'acme/p-keys');
  const rotated = seal('je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', 'acme/p-keys');
  const stripe = seal('sk_live_51Hxyzzy', 'acme/p-stripe');
  await addKeys('p-keys', 'keys', keys, '777777777777');
  await link('p-keys', 'app1', 'api');
  await run(admin, { type: 'UpdateProviderCredentials', providerId: 'p-keys', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: rotated }, accountId: '777777777777' });
  await run(admin, { type: 'AddProvider', providerId: 'p-stripe', name: 'stripe', providerType: 'stripe', credentials: { kind: 'secret', fields: { apiKey: stripe } } });
  await run(admin, { type: 'RemoveProvider', providerId: 'p-keys', force: true, shred: true });
  const model = await trailOf(store);
  const facts = model.query();
  assert.is(facts.length, 6);
  const forbidden = [keys, rotated, stripe].flatMap((s) => [s.ct, s.iv, s.tag]).concat(['wJalrXUtnFEMI', 'je7MtGbClwBF', 'sk_live_51Hxyzzy']);
  for (const text of [...facts.map((f) => JSON.stringify(f)), JSON.stringify(model.snapshot()), auditCsv(facts)])
    for (const value of forbidden) assert.not.ok(text.includes(value), `found ${value} in ${text.slice(0, 80)}`);
  assert.equal(facts.map((f) => f.credentialsKind ?? null), ['aws-keys', null, 'aws-keys', 'secret', null, null]);
  assert.is(facts[5]!.shredded, true);
});

audit('the migration’s facts: profiles that became providers and profiles skipped, with the system actor', async () => {
  const { store, addRole, run } = setup();
  const system = { id: 'migration', role: 'system' as const };
  await run(admin, { type: 'CreateDeploymentProfile', profileId: 'prof-dev', name: 'dev', roleArn: 'arn:aws:iam::111111111111:role/deploy' });
  await run(admin, { type: 'CreateDeploymentProfile', profileId: 'prof-old', name: 'old' });
  await addRole('p-dev', 'dev', '111111111111');
  await run(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'prof-dev', providerId: 'p-dev' });
  await run(system, { type: 'MarkDeploymentProfileMigrated', profileId: 'prof-old', providerId: null, reason: 'the profile has no role ARN' });
  const facts = (await trailOf(store)).query({ actions: ['profile-migrated'] });
  assert.equal(
    facts.map((f) => [f.actor.id, f.profileId, f.providerId, f.accountId, f.reason ?? null]),
    [
      ['migration', 'prof-dev', 'p-dev', '111111111111', null],
      ['migration', 'prof-old', null, null, 'the profile has no role ARN'],
    ],
  );
});

audit('snapshot and restore give the same trail, and it keeps annotating new facts', async () => {
  const s = await history();
  const model = await trailOf(s.store);
  const restored = restoredFrom(model, new AuditTrail());
  assert.equal(restored.query(), model.query());
  await s.addRole('p-new', 'new', '888888888888');
  await s.run(member, { type: 'LinkProviderToService', providerId: 'p-prod', app: 'app9', service: 'svc' });
  await project(s.store, [restored], { after: model.position });
  assert.equal(restored.snapshot(), (await trailOf(s.store)).snapshot());
  assert.equal(brief(restored.query({ app: 'app9' })), [['linked', 'bob', 'prod', '222222222222', 'app9/svc', null]]);
});

audit('local-credentials links are facts of their own: set, replaced either way and unlinked, with the type and what was replaced', async () => {
  const s = setup();
  await s.addRole('p-dev', 'dev', '111111111111');
  await s.link('p-dev', 'app1', 'api');
  await s.run(member, { type: 'LinkLocalCredentialsToInstance', app: 'app1', service: 'api', stage: 'qa', providerType: 'aws' });
  await s.run(member, { type: 'LinkLocalCredentialsToService', app: 'app1', service: 'api', providerType: 'aws', replace: true });
  await s.run(member, { type: 'LinkProviderToInstance', providerId: 'p-dev', app: 'app1', service: 'api', stage: 'qa', replace: true });
  await s.run(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'api', providerType: 'aws' });
  const model = await trailOf(s.store);
  const facts = model.query({ orgId: 'acme', app: 'app1' });
  assert.equal(
    facts.map((f) => [f.action, f.actor.id, f.providerId, f.providerType, f.scope?.key, f.replacedProviderId ?? null, f.replacedLocalCredentials ?? false]),
    [
      ['linked', 'bob', 'p-dev', 'aws', 'app1/api', null, false],
      ['local-linked', 'bob', null, 'aws', 'app1/api/qa', null, false],
      ['local-linked', 'bob', null, 'aws', 'app1/api', 'p-dev', false],
      ['linked', 'bob', 'p-dev', 'aws', 'app1/api/qa', null, true],
      ['local-unlinked', 'bob', null, 'aws', 'app1/api', null, false],
    ],
  );
  assert.equal(facts[2]!.replacedAccountId, '111111111111', 'the account a local link replaced is on record');
  assert.equal(model.query({ provider: 'dev', actions: ['local-linked'] }).map((f) => f.scope?.key), ['app1/api'], 'found by the provider it replaced');
  const restored = restoredFrom(model, new AuditTrail());
  assert.equal(restored.query(), model.query());
});

audit('account pins are facts: the scope, the accounts, the reason; found by any account they name', async () => {
  const s = setup();
  await s.run(admin, { type: 'PinAccount', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: ['222222222222', '011111111111'], reason: 'prod is prod' });
  await s.run(owner, { type: 'PinAccount', scope: { kind: 'org' }, accountIds: ['011111111111', '222222222222', '333333333333'], reason: 'our accounts' });
  await s.run(admin, { type: 'RemoveAccountPin', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, reason: 'stage retired' });
  const trail = await trailOf(s.store);
  const facts = trail.query({ orgId: 'acme' });
  assert.equal(
    facts.map((f) => [f.action, f.actor.id, f.providerId, f.scope, f.accountIds ?? null, f.reason]),
    [
      ['account-pinned', 'alice', null, { kind: 'stage', key: 'app1/api/prod', app: 'app1', service: 'api', stage: 'prod' }, ['011111111111', '222222222222'], 'prod is prod'],
      ['account-pinned', 'olivia', null, { kind: 'org', key: 'org' }, ['011111111111', '222222222222', '333333333333'], 'our accounts'],
      ['account-pin-removed', 'alice', null, { kind: 'stage', key: 'app1/api/prod', app: 'app1', service: 'api', stage: 'prod' }, ['011111111111', '222222222222'], 'stage retired'],
    ],
  );
  assert.equal(trail.query({ orgId: 'acme', accountId: '333333333333' }).map((f) => f.action), ['account-pinned']);
  assert.equal(trail.query({ orgId: 'acme', accountId: '011111111111' }).map((f) => f.action), ['account-pinned', 'account-pinned', 'account-pin-removed'], 'a removal is found by the accounts it unpinned');
  assert.equal(trail.query({ orgId: 'acme', actions: ['account-pin-removed'] }).length, 1);
  assert.equal(restoredFrom(trail, new AuditTrail()).query({ orgId: 'acme' }), facts);
});

audit.run();
