// Every command codec under generated input: `validateCommand` and `decide` never throw, reject with a typed
// error naming the field, and accept the valid commands they are given. FUZZ_RUNS=100000 for a long run.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commandCodecs, decide, initialState, validateCommand, type CommandType } from '@providers/domain';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const id = fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}._:-`, 0, 40)).map(([a, b]) => a + b);
const orgId = fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}._-`, 0, 30)).map(([a, b]) => a + b);
const name = fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM} ._-`, 0, 30), chars(ALNUM, 1, 1)).map(([a, b, c]) => a + b + c);
const providerType = fc.tuple(chars('abcdefghijklmnopqrstuvwxyz', 1, 1), chars('abcdefghijklmnopqrstuvwxyz0123456789-', 0, 20)).map(([a, b]) => a + b);
const appName = fc.tuple(chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 1, 1), chars(`${ALNUM}-`, 0, 40)).map(([a, b]) => a + b);
const stage = fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}-`, 0, 20)).map(([a, b]) => a + b);
const region = fc.constantFrom('us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-2');
const account = chars(DIGITS, 12, 12);
const roleArn = fc.tuple(fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'), account, chars(`${ALNUM}_+=,.@-`, 1, 64)).map(([p, a, n]) => `arn:${p}:iam::${a}:role/${n}`);
const base64 = fc.uint8Array({ minLength: 0, maxLength: 48 }).map((b) => Buffer.from(b).toString('base64'));
const sealed = fc.record({ alg: fc.constant('A256GCM'), keyId: id, iv: base64, ct: base64, tag: base64 });
const credentials = fc.oneof(
  fc.record({ kind: fc.constant('aws-role'), roleArn, externalId: chars(`${ALNUM}_+=,.@:/-`, 2, 60), sessionDurationSeconds: fc.integer({ min: 900, max: 43200 }) }),
  fc.record({ kind: fc.constant('aws-keys'), accessKeyId: fc.tuple(fc.constantFrom('AKIA', 'ASIA'), chars(UPPER, 16, 16)).map(([p, r]) => p + r), secretAccessKey: sealed }),
  fc.record({ kind: fc.constant('secret'), fields: fc.dictionary(fc.tuple(chars('abcdefghijklmnopqrstuvwxyz', 1, 1), chars(`${ALNUM}_`, 0, 20)).map(([a, b]) => a + b), sealed, { minKeys: 1, maxKeys: 5 }) }),
);
const pinScope = fc.oneof(
  fc.constant({ kind: 'org' }),
  fc.record({ kind: fc.constant('service'), app: appName, service: appName }),
  fc.record({ kind: fc.constant('stage'), app: appName, service: appName, stage }),
  fc.record({ kind: fc.constant('instance'), app: appName, service: appName, stage, region }),
);
const envelope = {
  orgId,
  commandId: id,
  actor: fc.record({ id: chars('abcdefghijklmnopqrstuvwxyz!~@', 1, 20), role: fc.constantFrom('owner', 'admin', 'member', 'system') }),
  issuedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
};

/** A valid command of each type: required fields plus the optional ones, each present or not. */
const validCommands: { [K in CommandType]: fc.Arbitrary<Record<string, unknown>> } = {
  AddProvider: fc.record({ ...envelope, providerId: id, name, providerType, credentials, accountId: account }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'providerId', 'name', 'providerType', 'credentials'] }),
  RenameProvider: fc.record({ ...envelope, providerId: id, name }),
  UpdateProviderCredentials: fc.record({ ...envelope, providerId: id, credentials, accountId: account }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'providerId', 'credentials'] }),
  RemoveProvider: fc.record({ ...envelope, providerId: id, force: fc.boolean(), shred: fc.boolean() }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'providerId'] }),
  SetDefaultProvider: fc.record({ ...envelope, providerId: id }),
  ClearDefaultProvider: fc.record({ ...envelope, providerType }),
  LinkProviderToService: fc.record({ ...envelope, providerId: id, app: appName, service: appName, replace: fc.boolean() }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'providerId', 'app', 'service'] }),
  UnlinkProviderFromService: fc.record({ ...envelope, app: appName, service: appName, providerType }),
  LinkProviderToInstance: fc.record({ ...envelope, providerId: id, app: appName, service: appName, stage, region, replace: fc.boolean() }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'providerId', 'app', 'service', 'stage'] }),
  UnlinkProviderFromInstance: fc.record({ ...envelope, app: appName, service: appName, stage, providerType, region }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'app', 'service', 'stage', 'providerType'] }),
  LinkLocalCredentialsToService: fc.record({ ...envelope, app: appName, service: appName, providerType, replace: fc.boolean() }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'app', 'service', 'providerType'] }),
  LinkLocalCredentialsToInstance: fc.record({ ...envelope, app: appName, service: appName, stage, providerType, region, replace: fc.boolean() }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'app', 'service', 'stage', 'providerType'] }),
  PinAccount: fc.record({ ...envelope, scope: pinScope, accountIds: fc.array(account, { minLength: 1, maxLength: 5 }), reason: chars(ALNUM, 1, 50) }),
  RemoveAccountPin: fc.record({ ...envelope, scope: pinScope, reason: chars(ALNUM, 1, 50) }),
  CreateDeploymentProfile: fc.record({ ...envelope, profileId: id, name, roleArn }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'profileId', 'name'] }),
  UpdateDeploymentProfile: fc.record({ ...envelope, profileId: id, name, roleArn }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'profileId', 'name'] }),
  LinkStageToDeploymentProfile: fc.record({ ...envelope, app: appName, stage: fc.oneof(stage, fc.constant('default')), profileId: id }),
  RecordInstanceDeployed: fc.record({ ...envelope, app: appName, service: appName, stage, region }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'app', 'service', 'stage'] }),
  MarkDeploymentProfileMigrated: fc.record({ ...envelope, profileId: id, providerId: fc.oneof(id, fc.constant(null)), reason: chars(ALNUM, 1, 50) }, { requiredKeys: ['orgId', 'commandId', 'actor', 'issuedAt', 'profileId', 'providerId'] }),
};

/** Hostile values: wrong types, deep and odd objects, control characters, and sizes far beyond any limit. */
const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withDate: true }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'A'.repeat(10 * 1024 * 1024), '\u0000', 'us-east-1\n', '../../etc/passwd', '__proto__', 'constructor', NaN, -0, Infinity, 1e309, [], {}, null, undefined) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 100_000 }, (_, i) => ({ app: `a${i}`, service: 's' }))) },
);

type Mutation = { kind: 'valid' } | { kind: 'replace'; index: number; value: unknown } | { kind: 'drop'; index: number } | { kind: 'extra'; key: string; value: unknown } | { kind: 'whole'; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'valid' }),
  fc.record({ kind: fc.constant('replace' as const), index: fc.nat(), value: hostile }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'secret')), value: hostile }),
  fc.record({ kind: fc.constant('whole' as const), value: hostile }),
);

const apply = (type: CommandType, valid: Record<string, unknown>, m: Mutation): unknown => {
  const command: Record<string, unknown> = { type, ...valid };
  const keys = Object.keys(command);
  switch (m.kind) {
    case 'valid':
      return command;
    case 'replace':
      return { ...command, [keys[m.index % keys.length]!]: m.value };
    case 'drop': {
      const copy = { ...command };
      delete copy[keys[m.index % keys.length]!];
      return copy;
    }
    case 'extra':
      return Object.defineProperty({ ...command }, m.key, { value: m.value, enumerable: true });
    case 'whole':
      return m.value;
  }
};

const fuzz = suite(`command codecs under ${RUNS} generated inputs each`);

for (const type of Object.keys(commandCodecs) as CommandType[])
  fuzz(`${type}: validateCommand and decide never throw; rejections are typed and name a field`, () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(validCommands[type], mutation, (valid, m) => {
        const input = apply(type, valid, m);
        const validated = validateCommand(input as never);
        const decided = decide(input as never, initialState());
        if (E.isLeft(validated)) {
          rejected++;
          assert.is(validated.left._tag, 'InvalidInput');
          assert.type(validated.left.field, 'string');
          assert.type(validated.left.message, 'string');
          assert.ok(validated.left.message.length < 2000, 'an error message does not echo a huge input');
          assert.ok(E.isLeft(decided), 'decide rejects what validation rejects');
        } else {
          accepted++;
          if (m.kind === 'valid') assert.is(validated.right.type, type);
        }
        if (E.isLeft(decided)) {
          assert.type(decided.left._tag, 'string');
          assert.type(decided.left.field, 'string');
          assert.type(decided.left.message, 'string');
        } else assert.ok(Array.isArray(decided.right));
        if (m.kind === 'valid') assert.ok(E.isRight(validated), `a valid ${type} was rejected: ${E.isLeft(validated) ? validated.left.message : ''}`);
      }),
      { numRuns: RUNS },
    );
    assert.ok(accepted > 0 && rejected > 0, `both valid and invalid inputs were generated (${accepted} accepted, ${rejected} rejected)`);
  });

fuzz('AddProvider of a valid generated provider on a fresh state is accepted by decide with one ProviderAdded', () => {
  fc.assert(
    fc.property(validCommands.AddProvider, fc.constantFrom('owner', 'admin', 'system'), (valid, role) => {
      const command = { type: 'AddProvider', ...valid, actor: { id: 'alice', role } } as Record<string, unknown>;
      const credentials = command.credentials as { kind: string; roleArn?: string };
      // Rules beyond the codec: AWS credentials belong to type aws, secret fields to another vendor, and a role's account comes from its ARN.
      command.providerType = credentials.kind === 'secret' ? (command.providerType === 'aws' ? 'stripe' : command.providerType) : 'aws';
      if (credentials.kind === 'aws-role') delete command.accountId;
      const decided = decide(command as never, initialState());
      assert.ok(E.isRight(decided), E.isLeft(decided) ? `${decided.left._tag}: ${decided.left.message}` : '');
      assert.equal(decided.right.map((e) => e.type), ['ProviderAdded']);
    }),
    { numRuns: Math.min(RUNS, 2_000) },
  );
});

fuzz.run();
