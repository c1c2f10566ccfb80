// Over random histories folded without the rules (every event as if written around the command
// handler: links, defaults, credentials, pins in any order), no vend ever returns credentials
// whose account is outside the deployment's allowed set; whatever is refused is refused as
// CredentialsWithheld. The allowed set is computed here from the pins, not taken from resolve.
import fc from 'fast-check';
import { evolve, initialState, pinKey, resolve, type DomainEvent, type OrgState, type PinScope } from '@providers/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CredentialsWithheld, accountOfArn } from '../src/account-check.js';
import { NoProviderResolved } from '../src/errors.js';
import { createVendor } from '../src/vendor.js';
import { fakeSeal, recordingUnseal, vendingIdentity } from './support/fixtures.js';
import { startStsServer } from '../src/testing/sts-server.js';

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'] as const;
const STAGES = ['dev', 'prod'] as const;
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const PROVIDERS = ['role-0', 'role-1', 'keys-0', 'keys-none'] as const;

const roleIn = (account: string) => ({ kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy`, externalId: 'acme-external-id', sessionDurationSeconds: 3600 }) as const;
const keys = (n: number) => ({ kind: 'aws-keys', accessKeyId: `AKIAPROPERTYKEYS000${n}`, secretAccessKey: fakeSeal(`propertySecret${n}`) }) as const;
const setup: readonly DomainEvent[] = [
  { type: 'ProviderAdded', data: { providerId: 'role-0', name: 'role-0', type: 'aws', credentials: roleIn(ACCOUNTS[0]), accountId: ACCOUNTS[0] } },
  { type: 'ProviderAdded', data: { providerId: 'role-1', name: 'role-1', type: 'aws', credentials: roleIn(ACCOUNTS[1]), accountId: ACCOUNTS[1] } },
  { type: 'ProviderAdded', data: { providerId: 'keys-0', name: 'keys-0', type: 'aws', credentials: keys(0), accountId: ACCOUNTS[0] } },
  { type: 'ProviderAdded', data: { providerId: 'keys-none', name: 'keys-none', type: 'aws', credentials: keys(1) } },
];

const stage = fc.constantFrom(...STAGES);
const region = fc.constantFrom(...REGIONS);
const providerId = fc.constantFrom(...PROVIDERS);
const pinScope: fc.Arbitrary<PinScope> = fc.oneof(
  fc.constant({ kind: 'org' } as const),
  fc.constant({ kind: 'service', app: 'app1', service: 'api' } as const),
  stage.map((s) => ({ kind: 'stage', app: 'app1', service: 'api', stage: s }) as const),
  fc.tuple(stage, region).map(([s, r]) => ({ kind: 'instance', app: 'app1', service: 'api', stage: s, region: r }) as const),
);
const event: fc.Arbitrary<DomainEvent> = fc.oneof(
  providerId.map((id): DomainEvent => ({ type: 'ProviderLinkedToService', data: { providerId: id, app: 'app1', service: 'api' } })),
  fc.tuple(providerId, stage, fc.option(region, { nil: undefined })).map(
    ([id, s, r]): DomainEvent => ({ type: 'ProviderLinkedToInstance', data: { providerId: id, app: 'app1', service: 'api', stage: s, ...(r ? { region: r } : {}) } }),
  ),
  providerId.map((id): DomainEvent => ({ type: 'DefaultProviderSet', data: { providerId: id, type: 'aws' } })),
  fc.tuple(fc.constantFrom('role-0', 'role-1'), fc.constantFrom(...ACCOUNTS), fc.constantFrom(...ACCOUNTS)).map(
    ([id, account, label]): DomainEvent => ({ type: 'ProviderCredentialsUpdated', data: { providerId: id, credentials: roleIn(account), accountId: label } }),
  ),
  fc.tuple(pinScope, fc.subarray([...ACCOUNTS], { minLength: 1 })).map(([scope, accountIds]): DomainEvent => ({ type: 'AccountPinned', data: { scope, accountIds, reason: 'r' } })),
  pinScope.map((scope): DomainEvent => ({ type: 'AccountPinRemoved', data: { scope, reason: 'r' } })),
);

const TARGETS = STAGES.flatMap((s) => [undefined, ...REGIONS].map((r) => ({ orgId: 'acme', app: 'app1', service: 'api', stage: s, ...(r ? { region: r } : {}) })));

/** The accounts the pins on a target's chain allow, from the state's pins directly; null when none applies. */
const allowedOf = (state: OrgState, target: (typeof TARGETS)[number]): string[] | null => {
  const chain: PinScope[] = [
    ...(target.region ? [{ kind: 'instance', app: 'app1', service: 'api', stage: target.stage, region: target.region } as const] : []),
    { kind: 'stage', app: 'app1', service: 'api', stage: target.stage },
    { kind: 'service', app: 'app1', service: 'api' },
    { kind: 'org' },
  ];
  const pins = chain.flatMap((scope) => state.pins.get(pinKey(scope)) ?? []);
  return pins.length === 0 ? null : [...ACCOUNTS].filter((a) => pins.every((pin) => pin.accountIds.includes(a)));
};

test('no vend returns credentials of an account outside the allowed set, whatever the history', async () => {
  const server = await startStsServer();
  let handedOut = 0;
  let refused = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 25 }), async (events) => {
        const state = initialState();
        [...setup, ...events].forEach((e, i) =>
          evolve(state, { event: e, metadata: { schemaVersion: 1, eventId: `e-${i}`, commandId: `c-${i}`, actor: { id: 'around', role: 'system' }, occurredAt: '2026-01-01T00:00:00.000Z' } }, BigInt(i + 1)),
        );
        const vendor = createVendor({
          resolve: async (request) => resolve(state, request),
          unseal: recordingUnseal().unseal,
          sts: { region: 'us-east-1', endpoint: server.url, credentials: async () => vendingIdentity, baseDelayMs: 1 },
        });
        try {
          for (const target of TARGETS) {
            const allowed = allowedOf(state, target);
            const outcome = await vendor.vend(target).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            if ('error' in outcome) {
              if (!(outcome.error instanceof CredentialsWithheld)) {
                assert.instance(outcome.error, NoProviderResolved, String(outcome.error));
                continue;
              }
              refused++;
              assert.ok(allowed !== null, 'only a pinned deployment is withheld');
              continue;
            }
            handedOut++;
            const { result } = outcome;
            if (allowed === null || result.kind !== 'aws') continue;
            const account = result.session ? accountOfArn(result.session.assumedRoleArn) : (result.accountId ?? null);
            assert.ok(account !== null && allowed.includes(account), `${JSON.stringify(target)} got ${account}, allowed ${allowed.join(',')}`);
          }
        } finally {
          vendor.close();
        }
      }),
      { numRuns: 60 },
    );
  } finally {
    await server.close();
  }
  assert.ok(handedOut > 0 && refused > 0, `both outcomes were met (${handedOut} handed out, ${refused} withheld)`);
});

test.run();
