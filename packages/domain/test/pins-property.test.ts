// Over random histories of links, defaults, credentials, removals and pins: no accepted command
// ever leaves a deployment resolving to an AWS account its pins do not allow, and replaying the
// log reproduces every answer.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decide, evolve, initialState, resolve, type Command, type DeploymentTarget, type DomainEvent, type EventEnvelope, type OrgState, type PinScope } from '../src/index.js';
import { admin, cmd, roleCredentials, sealed } from './support.js';

const ACCOUNTS = ['111111111111', '222222222222', '012345678901'] as const;
const SERVICES = ['api', 'web'] as const;
const STAGES = ['dev', 'prod'] as const;
const REGIONS = [undefined, 'us-east-1', 'eu-west-1'] as const;
const PROVIDERS = ['role-0', 'role-1', 'role-2', 'keys-0', 'keys-none', 'pay'] as const;

const roleIn = (account: string) => `arn:aws:iam::${account}:role/deploy`;
const setup: readonly DomainEvent[] = [
  ...ACCOUNTS.map((account, i): DomainEvent => ({ type: 'ProviderAdded', data: { providerId: `role-${i}`, name: `role-${i}`, type: 'aws', credentials: roleCredentials(roleIn(account)), accountId: account } })),
  { type: 'ProviderAdded', data: { providerId: 'keys-0', name: 'keys-0', type: 'aws', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealed() }, accountId: ACCOUNTS[0] } },
  { type: 'ProviderAdded', data: { providerId: 'keys-none', name: 'keys-none', type: 'aws', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOQ', secretAccessKey: sealed() } } },
  { type: 'ProviderAdded', data: { providerId: 'pay', name: 'pay', type: 'stripe', credentials: { kind: 'secret', fields: { apiKey: sealed() } } } },
];

const service = fc.constantFrom(...SERVICES);
const stage = fc.constantFrom(...STAGES);
const region = fc.constantFrom('us-east-1', 'eu-west-1');
const provider = fc.constantFrom(...PROVIDERS);
const accounts = fc.subarray([...ACCOUNTS], { minLength: 1 });
const pinScope: fc.Arbitrary<PinScope> = fc.oneof(
  fc.constant({ kind: 'org' } as const),
  service.map((s) => ({ kind: 'service', app: 'app1', service: s }) as const),
  fc.tuple(service, stage).map(([s, st]) => ({ kind: 'stage', app: 'app1', service: s, stage: st }) as const),
  fc.tuple(service, stage, region).map(([s, st, r]) => ({ kind: 'instance', app: 'app1', service: s, stage: st, region: r }) as const),
);

type Body = Parameters<typeof cmd>[1];
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.record({ type: fc.constant('LinkProviderToService' as const), providerId: provider, app: fc.constant('app1'), service, replace: fc.boolean() }),
  fc.record({ type: fc.constant('LinkProviderToInstance' as const), providerId: provider, app: fc.constant('app1'), service, stage, region, replace: fc.boolean() }, { requiredKeys: ['type', 'providerId', 'app', 'service', 'stage'] }),
  fc.record({ type: fc.constant('UnlinkProviderFromInstance' as const), app: fc.constant('app1'), service, stage, region, providerType: fc.constant('aws') }, { requiredKeys: ['type', 'app', 'service', 'stage', 'providerType'] }),
  fc.record({ type: fc.constant('UnlinkProviderFromService' as const), app: fc.constant('app1'), service, providerType: fc.constant('aws') }),
  fc.record({ type: fc.constant('SetDefaultProvider' as const), providerId: provider, replace: fc.boolean() }, { requiredKeys: ['type', 'providerId'] }),
  fc.constant({ type: 'ClearDefaultProvider' as const, providerType: 'aws' }),
  fc.record({ type: fc.constant('PinAccount' as const), scope: pinScope, accountIds: accounts, reason: fc.constant('because') }),
  fc.record({ type: fc.constant('RemoveAccountPin' as const), scope: pinScope, reason: fc.constant('because') }),
  fc.record({ type: fc.constant('UpdateProviderCredentials' as const), providerId: fc.constantFrom('role-0', 'role-1', 'role-2'), credentials: fc.constantFrom(...ACCOUNTS).map((a) => roleCredentials(roleIn(a))) }),
  fc.record({ type: fc.constant('RemoveProvider' as const), providerId: provider, force: fc.constant(true) }),
) as fc.Arbitrary<Body>;

const TARGETS: readonly DeploymentTarget[] = SERVICES.flatMap((s) =>
  STAGES.flatMap((st) => REGIONS.map((r) => ({ app: 'app1', service: s, stage: st, ...(r ? { region: r } : {}) }))),
);

const fold = (state: OrgState, log: EventEnvelope[], event: DomainEvent, command: Command) => {
  const envelope: EventEnvelope = {
    event,
    metadata: { schemaVersion: 1, eventId: `e-${log.length}`, commandId: command.commandId, actor: command.actor, occurredAt: command.issuedAt },
  };
  log.push(envelope);
  evolve(state, envelope, BigInt(log.length));
};

const answers = (state: OrgState) => TARGETS.map((t) => resolve(state, t));

test('no accepted command leaves any deployment resolving outside its allowed accounts; a replay gives the same answers', () => {
  let refusals = 0;
  let pinsSeen = 0;
  fc.assert(
    fc.property(fc.array(body, { minLength: 1, maxLength: 40 }), (bodies) => {
      const state = initialState();
      const log: EventEnvelope[] = [];
      const system = cmd(admin, { type: 'ClearDefaultProvider', providerType: 'aws' });
      for (const event of setup) fold(state, log, event, system);
      for (const b of bodies) {
        const command = cmd(admin, b);
        const decision = decide(command, state);
        if (E.isLeft(decision)) {
          if (decision.left._tag === 'AccountNotAllowed' || decision.left._tag === 'AllowedAccountsEmpty') refusals++;
          continue;
        }
        for (const event of decision.right) fold(state, log, event, command);
        for (const answer of answers(state)) {
          assert.is.not(answer.accountCheck, 'refused', JSON.stringify(answer));
          if (answer.allowedAccountIds !== null) {
            pinsSeen++;
            assert.ok(answer.allowedAccountIds.length > 0, 'no scope is ever left without an account');
          }
        }
      }
      const replayed = initialState();
      log.forEach((envelope, i) => evolve(replayed, envelope, BigInt(i + 1)));
      assert.equal(answers(replayed), answers(state));
    }),
    { numRuns: 300 },
  );
  assert.ok(refusals > 0, 'the histories include refused commands');
  assert.ok(pinsSeen > 0, 'the histories include pinned deployments');
});

test.run();
