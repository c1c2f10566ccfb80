// Input follows the vendors' own rules; bad input is a typed error that names the field and the rule.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accountIdOfRoleArn } from '../src/index.js';
import { added, admin, cmd, given, member, roleCredentials, sealed, thenError, thenEvents } from './support.js';

const addWith = (credentials: unknown, extra: Record<string, unknown> = {}) =>
  cmd(admin, { type: 'AddProvider', providerId: 'p1', name: 'dev', providerType: 'aws', credentials, ...extra } as never);

const arns = suite('Role ARN');

arns('all three partitions, with and without a path', () => {
  for (const arn of [
    'arn:aws:iam::123456789012:role/deploy',
    'arn:aws-cn:iam::123456789012:role/deploy',
    'arn:aws-us-gov:iam::123456789012:role/deploy',
    'arn:aws:iam::123456789012:role/service-role/ci/Deploy+Role=1,a.b@c-d',
  ]) {
    thenEvents(given(), addWith(roleCredentials(arn)), [
      { type: 'ProviderAdded', data: { providerId: 'p1', name: 'dev', type: 'aws', credentials: roleCredentials(arn), accountId: '123456789012' } },
    ]);
    assert.is(accountIdOfRoleArn(arn), '123456789012');
  }
});

arns('malformed ARNs name the field', () => {
  for (const arn of [
    'arn:aws:iam::12345678901:role/deploy', // 11-digit account
    'arn:aws:iam::1234567890123:role/deploy',
    'arn:aws-mars:iam::123456789012:role/deploy',
    'arn:aws:iam::123456789012:user/deploy',
    'arn:aws:s3:::bucket',
    'arn:aws:iam::123456789012:role/',
    `arn:aws:iam::123456789012:role/${'x'.repeat(65)}`,
    'arn:aws:iam::123456789012:role/bad name',
  ]) {
    const error = thenError(given(), addWith(roleCredentials(arn)), 'InvalidInput', 'credentials.roleArn');
    assert.ok(error.message.includes('role ARN'), error.message);
  }
});

arns.run();

const fields = suite('Field rules');

const credentialCases: Array<[string, unknown, string]> = [
  ['external id too short', { ...roleCredentials(), externalId: 'x' }, 'credentials.externalId'],
  ['external id with a space', { ...roleCredentials(), externalId: 'has space' }, 'credentials.externalId'],
  ['external id too long', { ...roleCredentials(), externalId: 'x'.repeat(1225) }, 'credentials.externalId'],
  ['session shorter than 900 s', { ...roleCredentials(), sessionDurationSeconds: 899 }, 'credentials.sessionDurationSeconds'],
  ['session longer than 43200 s', { ...roleCredentials(), sessionDurationSeconds: 43201 }, 'credentials.sessionDurationSeconds'],
  ['session not whole', { ...roleCredentials(), sessionDurationSeconds: 1000.5 }, 'credentials.sessionDurationSeconds'],
  ['access key id with a wrong prefix', { kind: 'aws-keys', accessKeyId: 'AKIBABCDEFGHIJKLMNOP', secretAccessKey: sealed() }, 'credentials.accessKeyId'],
  ['access key id in lower case', { kind: 'aws-keys', accessKeyId: 'AKIAabcdefghijklmnop', secretAccessKey: sealed() }, 'credentials.accessKeyId'],
  ['access key id too short', { kind: 'aws-keys', accessKeyId: 'AKIA123', secretAccessKey: sealed() }, 'credentials.accessKeyId'],
  ['an unsealed secret', { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'plain-text' }, 'credentials.secretAccessKey'],
  ['an unknown kind', { kind: 'password' }, 'credentials.kind'],
];

for (const [name, credentials, field] of credentialCases)
  fields(`${name} → InvalidInput on ${field}`, () => {
    thenError(given(), addWith(credentials), 'InvalidInput', field);
  });

fields('session durations at the bounds are accepted', () => {
  for (const seconds of [900, 43200]) {
    const credentials = { ...roleCredentials(), sessionDurationSeconds: seconds };
    thenEvents(given(), addWith(credentials), [
      { type: 'ProviderAdded', data: { providerId: 'p1', name: 'dev', type: 'aws', credentials, accountId: '111111111111' } },
    ]);
  }
});

fields('an 11-digit account id is rejected', () => {
  const keys = { kind: 'aws-keys', accessKeyId: 'ASIAABCDEFGHIJKLMNOP', secretAccessKey: sealed() };
  thenError(given(), addWith(keys, { accountId: '12345678901' }), 'InvalidInput', 'accountId');
});

fields('provider names and types', () => {
  for (const name of ['', ' dev', 'dev ', 'a/b', 'x'.repeat(65), 'tab\there'])
    thenError(given(), cmd(admin, { type: 'AddProvider', providerId: 'p1', name, providerType: 'aws', credentials: roleCredentials() }), 'InvalidInput', 'name');
  for (const providerType of ['AWS', '1aws', 'a'.repeat(33), 'aws provider'])
    thenError(given(), cmd(admin, { type: 'AddProvider', providerId: 'p1', name: 'x', providerType, credentials: roleCredentials() }), 'InvalidInput', 'providerType');
});

fields('a 10 MB name is refused by its length before any pattern runs', () => {
  const error = thenError(
    given(),
    cmd(admin, { type: 'AddProvider', providerId: 'p1', name: 'a'.repeat(10 * 1024 * 1024), providerType: 'aws', credentials: roleCredentials() }),
    'InvalidInput',
    'name',
  );
  assert.ok(error.message.length < 300, 'the message does not echo the value');
});

fields('app, service, stage and region names', () => {
  const state = given(added('p1', 'dev'));
  const link = (body: Record<string, unknown>) =>
    cmd(member, { type: 'LinkProviderToInstance', providerId: 'p1', app: 'app1', service: 'api', stage: 'dev', ...body } as never);
  thenError(state, link({ app: '1app' }), 'InvalidInput', 'app');
  thenError(state, link({ app: 'my_app' }), 'InvalidInput', 'app');
  thenError(state, link({ service: 'api/v2' }), 'InvalidInput', 'service');
  thenError(state, link({ stage: 'dev stage' }), 'InvalidInput', 'stage');
  thenError(state, link({ stage: '' }), 'InvalidInput', 'stage');
  for (const region of ['moon-1', 'us-east', 'US-EAST-1', 'us-east-0', 'xx-east-1'])
    thenError(state, link({ region }), 'InvalidInput', 'region');
  for (const region of ['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1', 'cn-north-1', 'il-central-1', 'mx-central-1'])
    thenEvents(state, link({ region }), [
      { type: 'ProviderLinkedToInstance', data: { providerId: 'p1', app: 'app1', service: 'api', stage: 'dev', region } },
    ]);
});

fields('secret fields: names, count and sealing', () => {
  const stripe = (fields: unknown) => cmd(admin, { type: 'AddProvider', providerId: 's', name: 's', providerType: 'stripe', credentials: { kind: 'secret', fields } } as never);
  thenError(given(), stripe({}), 'InvalidInput', 'credentials.fields');
  thenError(given(), stripe({ '1key': sealed() }), 'InvalidInput', 'credentials.fields');
  thenError(given(), stripe({ apiKey: 'plain' }), 'InvalidInput', 'credentials.fields.apiKey');
  const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, sealed()]));
  thenError(given(), stripe(many), 'InvalidInput', 'credentials.fields');
});

fields('the command envelope is validated too', () => {
  thenError(given(), { ...cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'x' }), actor: { id: 'a', role: 'root' } } as never, 'InvalidInput', 'actor.role');
  thenError(given(), { ...cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'x' }), issuedAt: 'yesterday' }, 'InvalidInput', 'issuedAt');
  thenError(given(), { ...cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'x' }), orgId: '' }, 'InvalidInput', 'orgId');
  thenError(given(), { ...cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'x' }), type: 'DropTables' } as never, 'InvalidInput', 'type');
});

fields.run();
