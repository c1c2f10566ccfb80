// Resolution: instance link > stage link > service link > org default > none, and why.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import type { Command } from '@providers/domain';
import { MemoryEventStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResolutionIndex, project } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const member = { id: 'bob', role: 'member' as const };
let n = 0;
const at = (i: number) => `2026-03-0${1 + (i % 9)}T10:00:00.000Z`;

const setup = async (orgId = 'acme') => {
  const store = new MemoryEventStore();
  // The store's time is that of the command being recorded: a history dated in the past.
  const handler = new CommandHandler(store, { clock: () => Date.parse(at(n)) });
  const run = async (actor: typeof admin | typeof member, body: Record<string, unknown>) => {
    const result = await handler.execute({ orgId, commandId: `c-${++n}`, actor, issuedAt: at(n), ...body } as Command);
    if (E.isLeft(result)) throw new Error(result.left.message);
    return result.right;
  };
  const addRole = (providerId: string, name: string, account: string) =>
    run(admin, {
      type: 'AddProvider',
      providerId,
      name,
      providerType: 'aws',
      credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy`, externalId: 'ext-id', sessionDurationSeconds: 3600 },
    });
  const index = async () => {
    const idx = new ResolutionIndex();
    await project(store, [idx]);
    return idx;
  };
  return { store, run, addRole, index };
};

const resolution = suite('ResolutionIndex');

resolution('the seed: service linked to dev, instance prod linked to prod; a new stage int inherits dev from the service', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await addRole('prod', 'prod', '222222222222');
  await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'service1' });
  await run(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' });
  const idx = await index();
  const int = idx.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'int', region: 'us-east-1' });
  assert.is(int.source, 'service');
  assert.is(int.provider?.name, 'dev');
  assert.is(int.provider?.accountId, '111111111111');
  const prod = idx.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'us-east-1' });
  assert.is(prod.source, 'instance');
  assert.is(prod.provider?.accountId, '222222222222');
  // The same stage in another region is not that instance: it falls back to the service.
  assert.is(idx.resolve({ orgId: 'acme', app: 'app1', service: 'service1', stage: 'prod', region: 'eu-west-1' }).source, 'service');
});

resolution('a stage-wide link covers every region and component instances; a regional link overrides it', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await addRole('prod', 'prod', '222222222222');
  await addRole('prod-eu', 'prod-eu', '333333333333');
  await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' });
  await run(member, { type: 'LinkProviderToInstance', providerId: 'prod', app: 'app1', service: 'api', stage: 'prod' });
  await run(member, { type: 'LinkProviderToInstance', providerId: 'prod-eu', app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' });
  const idx = await index();
  const us = idx.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' });
  assert.equal([us.source, us.provider?.id], ['stage', 'prod']);
  const component = idx.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod' });
  assert.equal([component.source, component.provider?.id], ['stage', 'prod']);
  const eu = idx.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' });
  assert.equal([eu.source, eu.provider?.id], ['instance', 'prod-eu']);
});

resolution('the org default is used where the service has nothing; with no default the answer is none', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  assert.is((await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' }).source, 'none');
  await run(admin, { type: 'SetDefaultProvider', providerId: 'dev' });
  const r = (await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' });
  assert.equal([r.source, r.provider?.id], ['org-default', 'dev']);
  assert.is(r.provider?.credentials.kind, 'aws-role');
});

resolution('resolution is per vendor type', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' });
  const idx = await index();
  assert.is(idx.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'dev', type: 'stripe' }).source, 'none');
});

resolution('the chain shows every scope looked at and the event that set it', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  const linked = await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' });
  const r = (await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' });
  assert.equal(r.chain, [
    { scope: 'instance', key: 'app1/api/prod/us-east-1', providerId: null, setBy: null },
    { scope: 'stage', key: 'app1/api/prod', providerId: null, setBy: null },
    { scope: 'service', key: 'app1/api', providerId: 'dev', setBy: { actor: 'bob', at: linked.events[0]!.metadata.occurredAt, position: String(linked.position) } },
    { scope: 'org-default', key: 'org/aws', providerId: null, setBy: null },
  ]);
});

resolution('unlinks, renames, replacements and removals are reflected', async () => {
  const { run, addRole, index } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await addRole('prod', 'prod', '222222222222');
  await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' });
  await run(member, { type: 'LinkProviderToService', providerId: 'prod', app: 'app1', service: 'api', replace: true });
  await run(admin, { type: 'RenameProvider', providerId: 'prod', name: 'production' });
  let r = (await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' });
  assert.equal([r.source, r.provider?.name], ['service', 'production']);
  await run(member, { type: 'UnlinkProviderFromService', app: 'app1', service: 'api', providerType: 'aws' });
  r = (await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' });
  assert.is(r.source, 'none');
  await run(admin, { type: 'SetDefaultProvider', providerId: 'dev' });
  await run(admin, { type: 'RemoveProvider', providerId: 'dev', force: true });
  r = (await index()).resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' });
  assert.is(r.source, 'none');
});

resolution('orgs never see each other’s links', async () => {
  const a = await setup('org-a');
  await a.addRole('dev', 'dev', '111111111111');
  await a.run(admin, { type: 'SetDefaultProvider', providerId: 'dev' });
  const idx = await a.index();
  assert.is(idx.resolve({ orgId: 'org-a', app: 'app1', service: 'api', stage: 'x' }).source, 'org-default');
  assert.is(idx.resolve({ orgId: 'org-b', app: 'app1', service: 'api', stage: 'x' }).source, 'none');
});

resolution('point in time: as of a position, and as of a time', async () => {
  const { store, run, addRole } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await addRole('prod', 'prod', '222222222222');
  const first = await run(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' });
  await run(member, { type: 'LinkProviderToService', providerId: 'prod', app: 'app1', service: 'api', replace: true });
  const asOfPosition = new ResolutionIndex();
  await project(store, [asOfPosition], { upTo: first.position! });
  assert.is(asOfPosition.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' }).provider?.id, 'dev');
  const asOfTime = new ResolutionIndex();
  await project(store, [asOfTime], { until: first.events[0]!.metadata.occurredAt });
  assert.is(asOfTime.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' }).provider?.id, 'dev');
  const now = new ResolutionIndex();
  await project(store, [now]);
  assert.is(now.resolve({ orgId: 'acme', app: 'app1', service: 'api', stage: 'x' }).provider?.id, 'prod');
});

resolution('an unreadable event stops the replay with its position', async () => {
  const { store, addRole } = await setup();
  await addRole('dev', 'dev', '111111111111');
  await store.append('providers-org-acme', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'ProviderExploded', data: {}, metadata: {} }], 'any');
  try {
    await project(store, [new ResolutionIndex()]);
    assert.unreachable('expected an error');
  } catch (error) {
    assert.match(String((error as Error).message), /position 2/);
  }
  const skipping = await project(store, [new ResolutionIndex()], { skipInvalid: true });
  assert.is(skipping.skipped.length, 1);
  assert.is(skipping.skipped[0]!.position, 2n);
});

resolution.run();
