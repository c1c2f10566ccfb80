// The compiled guards answer exactly as the codecs' own `is`, on valid and on mangled values.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventMetadata, eventDataCodecs, type EventType } from '@providers/domain';
import { guardOf } from '../src/index.js';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/deploy';
const roleCredentials = (roleArn: string) => ({ kind: 'aws-role', roleArn, externalId: 'acme-external-id', sessionDurationSeconds: 3600 });
const sealed = () => ({ alg: 'A256GCM', keyId: 'acme/p', iv: 'aXY=', ct: 'c2VjcmV0', tag: 'dGFn' });

const examples: Record<EventType, Record<string, unknown>> = {
  ProviderAdded: { providerId: 'p1', name: 'dev', type: 'aws', credentials: roleCredentials(ROLE_ARN), accountId: '111111111111' },
  ProviderRenamed: { providerId: 'p1', from: 'a', to: 'b' },
  ProviderCredentialsUpdated: { providerId: 'p1', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealed() } },
  ProviderRemoved: { providerId: 'p1', shredded: true },
  DefaultProviderSet: { providerId: 'p1', type: 'aws', replacedProviderId: 'p0' },
  DefaultProviderCleared: { providerId: 'p1', type: 'aws' },
  ProviderLinkedToService: { providerId: 'p1', app: 'app1', service: 'api', replacedLocalCredentials: true },
  ProviderUnlinkedFromService: { providerId: 'p1', app: 'app1', service: 'api' },
  ProviderLinkedToInstance: { providerId: 'p1', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1', replacedProviderId: 'p0' },
  ProviderUnlinkedFromInstance: { providerId: 'p1', app: 'app1', service: 'api', stage: 'prod' },
  LocalCredentialsLinked: { type: 'aws', app: 'app1', service: 'api', stage: 'qa', region: 'us-east-1', replacedProviderId: 'p0' },
  LocalCredentialsUnlinked: { type: 'aws', app: 'app1', service: 'api', stage: 'qa' },
  AccountPinned: { scope: { kind: 'instance', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' }, accountIds: ['011111111111', '222222222222'], reason: 'prod' },
  AccountPinRemoved: { scope: { kind: 'org' }, reason: 'reorganised' },
  DeploymentProfileCreated: { profileId: 'p-dev', name: 'dev', roleArn: ROLE_ARN },
  DeploymentProfileUpdated: { profileId: 'p-dev', name: 'dev' },
  StageLinkedToDeploymentProfile: { app: 'app1', stage: 'default', profileId: 'p-dev' },
  InstanceDeployed: { app: 'app1', service: 'api', stage: 'dev', region: 'eu-west-1' },
  DeploymentProfileMigrated: { profileId: 'p-dev', providerId: null, reason: 'no role' },
};
const metadata = { schemaVersion: 1, eventId: 'e1', commandId: 'c1', actor: { id: 'alice', role: 'admin' }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'x' };

/** A value and a few ways to spoil it: a field replaced by anything, a field dropped, the whole value replaced. */
const mangled = (example: Record<string, unknown>) =>
  fc.oneof(
    fc.constant(example),
    fc.tuple(fc.constantFrom(...Object.keys(example), 'extra'), fc.anything()).map(([key, value]) => ({ ...example, [key]: value })),
    fc.constantFrom(...Object.keys(example)).map((key) => {
      const { [key]: _dropped, ...rest } = example;
      return rest;
    }),
    fc.anything(),
  );

test('every event payload codec: the compiled guard agrees with io-ts', () => {
  for (const [type, example] of Object.entries(examples)) {
    const codec = eventDataCodecs[type as EventType];
    assert.ok(codec.is(example), `${type}'s example is valid`);
    const guard = guardOf(codec);
    fc.assert(fc.property(mangled(example), (value) => guard(value) === codec.is(value)), { numRuns: 400 });
  }
});

test('event metadata, including nested objects: the compiled guard agrees with io-ts', () => {
  const guard = guardOf(EventMetadata);
  assert.ok(guard(metadata));
  fc.assert(fc.property(mangled(metadata), (value) => guard(value) === EventMetadata.is(value)), { numRuns: 2000 });
  assert.not.ok(guard({ ...metadata, actor: { id: 'alice', role: 'root' } }));
  assert.not.ok(guard({ ...metadata, occurredAt: 'yesterday' }));
});

test.run();
