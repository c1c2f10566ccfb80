// The account guard on moto: the org's state is decided by the domain's rules, the deployment is
// resolved by the domain's resolve, vending talks to moto's STS through a recording proxy (a spy
// on the wire). A provider changed by an event that skipped the rules (as one written around the
// command handler) is withheld before any STS call; static keys of an IAM user moto created in
// another account are withheld for a stage pinned elsewhere, and so are they as local credentials.
import * as E from 'fp-ts/lib/Either.js';
import { decide, evolve, initialState, resolve, type Command, type DomainEvent, type OrgState } from '@providers/domain';
import * as assert from 'uvu/assert';
import { rejection } from '@providers/store/testing';
import { CredentialsWithheld } from '../src/account-check.js';
import { createVendor, type Vendor } from '../src/vendor.js';
import { fakeSeal, recordingUnseal } from './support/fixtures.js';
import { MOTO_ACCOUNT_ID, iamUserKeysIn, motoSuite, startRecordingProxy, stsClientOn, type OnMoto, type RecordingProxy } from '../src/testing/index.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const OTHER_ACCOUNT = '222222222222';
const admin = { id: 'alice', role: 'admin' as const };
const prod = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };

interface Context extends OnMoto {
  proxy: RecordingProxy;
  otherKeys: { accessKeyId: string; secretAccessKey: string };
}

let n = 0;
/** The org state, changed only through the rules (decide), or around them (evolve alone). */
const org = () => {
  const state: OrgState = initialState();
  const fold = (event: DomainEvent, commandId: string) =>
    evolve(state, { event, metadata: { schemaVersion: 1, eventId: `e-${++n}`, commandId, actor: admin, occurredAt: new Date().toISOString() } }, BigInt(state.revision + 1));
  const run = (body: Record<string, unknown>) => {
    const command = { orgId: 'acme', commandId: `c-${++n}`, actor: admin, issuedAt: new Date().toISOString(), ...body } as Command;
    const decision = decide(command, state);
    if (E.isRight(decision)) for (const event of decision.right) fold(event, command.commandId);
    return decision;
  };
  return { state, run, around: (event: DomainEvent) => fold(event, `around-${++n}`) };
};

const role = (account: string) => ({ kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy`, externalId: 'acme-external-id', sessionDurationSeconds: 3600 }) as const;

const withheld = (vend: Promise<unknown>): Promise<CredentialsWithheld> => rejection(vend, CredentialsWithheld);

const guard = motoSuite<Context>('the account guard on moto', 'withholds credentials of another account', (test, context) => {
  const vendorFor = (state: OrgState, localCredentials?: { accessKeyId: string; secretAccessKey: string }): Vendor =>
    createVendor({
      resolve: async (request) => resolve(state, request),
      unseal: recordingUnseal().unseal,
      sts: {
        endpoint: context.proxy.url,
        region: 'us-east-1',
        credentials: async () => ({ accessKeyId: context.moto.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: context.moto.env.AWS_SECRET_ACCESS_KEY ?? '' }),
      },
      ...(localCredentials ? { localCredentials: async () => localCredentials } : {}),
    });

  test.before(async () => {
    context.proxy = await startRecordingProxy(context.moto.url);
    context.otherKeys = await iamUserKeysIn(context.moto, context.home, OTHER_ACCOUNT, 'deployer');
  });
  test.after(async () => {
    await context.proxy?.close();
  });

  test('a role in the pinned account is assumed on moto; the spy sees the AssumeRole', async () => {
    const { state, run } = org();
    assert.ok(E.isRight(run({ type: 'AddProvider', providerId: 'p1', name: 'prod', providerType: 'aws', credentials: role(MOTO_ACCOUNT_ID) })));
    assert.ok(E.isRight(run({ type: 'PinAccount', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: [MOTO_ACCOUNT_ID], reason: 'prod' })));
    assert.ok(E.isRight(run({ type: 'LinkProviderToInstance', providerId: 'p1', app: 'app1', service: 'api', stage: 'prod' })));
    const vendor = vendorFor(state);
    try {
      const before = context.proxy.actions.length;
      const result = await vendor.vend(prod);
      assert.equal(context.proxy.actions.slice(before), ['AssumeRole']);
      assert.ok(result.kind === 'aws' && result.session?.assumedRoleArn.startsWith(`arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/`));
    } finally {
      vendor.close();
    }
  });

  test('a role ARN moved to another account by an event that skipped the rules is withheld before any STS call', async () => {
    const { state, run, around } = org();
    run({ type: 'AddProvider', providerId: 'p1', name: 'prod', providerType: 'aws', credentials: role(MOTO_ACCOUNT_ID) });
    run({ type: 'PinAccount', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: [MOTO_ACCOUNT_ID], reason: 'prod' });
    run({ type: 'LinkProviderToInstance', providerId: 'p1', app: 'app1', service: 'api', stage: 'prod' });
    // The rules would refuse it…
    const refused = run({ type: 'UpdateProviderCredentials', providerId: 'p1', credentials: role(OTHER_ACCOUNT) });
    assert.ok(E.isLeft(refused) && refused.left._tag === 'AccountNotAllowed');
    // …so it is written around them.
    around({ type: 'ProviderCredentialsUpdated', data: { providerId: 'p1', credentials: role(OTHER_ACCOUNT), accountId: OTHER_ACCOUNT } });
    const vendor = vendorFor(state);
    try {
      const before = context.proxy.actions.length;
      const error = await withheld(vendor.vend(prod));
      assert.equal([error.check, error.expectedAccountIds, error.seenAccountId], ['role-arn', [MOTO_ACCOUNT_ID], OTHER_ACCOUNT]);
      assert.equal(context.proxy.actions.slice(before), [], 'no STS call was made');
    } finally {
      vendor.close();
    }
  });

  test('static keys of an IAM user of another account: refused at link time, withheld at vend time, and as local credentials', async () => {
    const { otherKeys } = context;
    const observed = stsClientOn(context.moto, async () => otherKeys);
    const { account } = await observed.callerIdentity();
    observed.close();
    assert.is(account, OTHER_ACCOUNT, 'moto reports the user’s account');
    // Recorded as observed, as the SDK records what STS answered for the keys.
    const { state, run, around } = org();
    const keys = { kind: 'aws-keys', accessKeyId: otherKeys.accessKeyId, secretAccessKey: fakeSeal(otherKeys.secretAccessKey) };
    assert.ok(E.isRight(run({ type: 'AddProvider', providerId: 'k1', name: 'keys', providerType: 'aws', credentials: keys, observedAccountId: account })));
    assert.ok(E.isRight(run({ type: 'PinAccount', scope: { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' }, accountIds: [MOTO_ACCOUNT_ID], reason: 'prod' })));
    const link = { type: 'LinkProviderToInstance', providerId: 'k1', app: 'app1', service: 'api', stage: 'prod' } as const;
    const refused = run(link);
    assert.ok(E.isLeft(refused) && refused.left._tag === 'AccountNotAllowed' && refused.left.accountId === OTHER_ACCOUNT);

    // Nothing linked: the deployer's own credentials (these keys) are asked of STS who they are.
    const local = vendorFor(state, otherKeys);
    try {
      const error = await withheld(local.vend({ ...prod, allowLocalFallback: true }));
      assert.equal([error.check, error.seenAccountId], ['local-fallback', OTHER_ACCOUNT]);
    } finally {
      local.close();
    }

    around({ type: 'ProviderLinkedToInstance', data: { providerId: 'k1', app: 'app1', service: 'api', stage: 'prod' } });
    const vendor = vendorFor(state);
    try {
      const error = await withheld(vendor.vend(prod));
      assert.equal([error.check, error.seenAccountId], ['static-keys', OTHER_ACCOUNT]);
      assert.not.match(error.message, otherKeys.secretAccessKey);
    } finally {
      vendor.close();
    }
  });
});

guard.run();
