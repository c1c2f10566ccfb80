// The access role template grants exactly what vending sends, and refuses bad inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IamTemplateInputInvalid } from '../src/errors.js';
import { iamTemplate } from '../src/iam-template.js';
import { sessionTagKeys } from '../src/session-tags.js';

interface Statement {
  Sid: string;
  Effect: string;
  Principal?: { AWS: string };
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const roleOf = (template: object) => {
  const role = (template as { Resources: { AccessRole: { Type: string; Properties: Record<string, unknown> } } }).Resources.AccessRole;
  const trust = (role.Properties['AssumeRolePolicyDocument'] as { Statement: Statement[] }).Statement;
  const policies = role.Properties['Policies'] as Array<{ PolicyName: string; PolicyDocument: { Statement: Statement[] } }>;
  return { role, trust, policies };
};

const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

test('trust policy: the vending account root, AssumeRole only with the external id', () => {
  const template = iamTemplate({ trustedAccountId: '111111111111', externalId: 'org-7f3a:ext/01' });
  const { role, trust } = roleOf(template);
  assert.is(role.Type, 'AWS::IAM::Role');
  const assume = trust.find((s) => s.Action === 'sts:AssumeRole');
  assert.ok(assume);
  assert.is(assume.Effect, 'Allow');
  assert.equal(assume.Principal, { AWS: 'arn:aws:iam::111111111111:root' });
  assert.equal(assume.Condition, { StringEquals: { 'sts:ExternalId': 'org-7f3a:ext/01' } });
  assert.ok(trust.every((s) => s.Principal?.AWS === 'arn:aws:iam::111111111111:root'));
  assert.is(actionsOf(trust).filter((a) => a === 'sts:AssumeRole').length, 1, 'no AssumeRole without the condition');
});

test('trust policy: sts:TagSession (for exactly the tags vending sends) and sts:SetSourceIdentity', () => {
  const { trust } = roleOf(iamTemplate({ trustedAccountId: '111111111111', externalId: 'ext-1' }));
  assert.ok(actionsOf(trust).includes('sts:SetSourceIdentity'));
  const tagSession = trust.find((s) => s.Action === 'sts:TagSession');
  assert.ok(tagSession);
  assert.equal(tagSession.Condition, { 'ForAllValues:StringEquals': { 'aws:TagKeys': [...sessionTagKeys] } });
});

test('MaxSessionDuration, role name and partition', () => {
  const { role, trust } = roleOf(
    iamTemplate({ trustedAccountId: '111111111111', externalId: 'ext-1', maxSessionDurationSeconds: 43200, roleName: 'ProvidersAccess', partition: 'aws-us-gov' }),
  );
  assert.is(role.Properties['MaxSessionDuration'], 43200);
  assert.is(role.Properties['RoleName'], 'ProvidersAccess');
  assert.is(trust[0]?.Principal?.AWS, 'arn:aws-us-gov:iam::111111111111:root');
  const defaults = roleOf(iamTemplate({ trustedAccountId: '111111111111', externalId: 'ext-1' })).role.Properties;
  assert.is(defaults['MaxSessionDuration'], 3600);
  assert.is(defaults['RoleName'], undefined);
});

test('the deployment policy is a least-privilege sample: scoped resources, PassRole limited by path, says to narrow it', () => {
  const template = iamTemplate({ trustedAccountId: '111111111111', externalId: 'ext-1' }) as { Description: string };
  assert.match(template.Description, 'SAMPLE');
  assert.match(template.Description, 'narrow');
  const { policies } = roleOf(template);
  const statements = policies[0]?.PolicyDocument.Statement ?? [];
  assert.ok(policies[0]?.PolicyName.startsWith('Sample'));
  const actions = actionsOf(statements);
  for (const needed of ['cloudformation:CreateStack', 's3:PutObject', 'lambda:UpdateFunctionCode', 'apigateway:POST', 'logs:CreateLogGroup', 'iam:PassRole']) {
    assert.ok(actions.includes(needed), needed);
  }
  assert.not.ok(actions.some((a) => a.endsWith(':*') || a === '*'), 'no wildcard actions');
  const passRole = statements.find((s) => s.Action.includes('iam:PassRole'));
  assert.equal(passRole?.Resource, { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role${PassRolePathPrefix}*' });
  assert.ok(passRole?.Condition?.['StringEquals']?.['iam:PassedToService']);
  const wide = statements.filter((s) => s.Resource === '*').flatMap((s) => actionsOf([s]));
  assert.equal(wide.sort(), ['cloudformation:ValidateTemplate', 'logs:DescribeLogGroups']);
});

test('the template is plain JSON', () => {
  const template = iamTemplate({ trustedAccountId: '111111111111', externalId: 'ext-1' });
  assert.equal(JSON.parse(JSON.stringify(template)), template);
});

const invalid = (input: Parameters<typeof iamTemplate>[0], field: string) => {
  try {
    iamTemplate(input);
    assert.unreachable(`${field} should be refused`);
  } catch (error) {
    assert.instance(error, IamTemplateInputInvalid);
    if (!(error instanceof IamTemplateInputInvalid)) return;
    assert.is(error._tag, 'IamTemplateInputInvalid');
    assert.is(error.field, field);
    assert.match(error.message, field);
  }
};

test('validation: account id of 12 digits, external id rule, duration range, role name', () => {
  invalid({ trustedAccountId: '12345', externalId: 'ext-1' }, 'trustedAccountId');
  invalid({ trustedAccountId: '11111111111a', externalId: 'ext-1' }, 'trustedAccountId');
  invalid({ trustedAccountId: '111111111111', externalId: 'x' }, 'externalId');
  invalid({ trustedAccountId: '111111111111', externalId: 'has space' }, 'externalId');
  invalid({ trustedAccountId: '111111111111', externalId: 'e'.repeat(1225) }, 'externalId');
  invalid({ trustedAccountId: '111111111111', externalId: 'ext-1', maxSessionDurationSeconds: 900 }, 'maxSessionDurationSeconds');
  invalid({ trustedAccountId: '111111111111', externalId: 'ext-1', maxSessionDurationSeconds: 43201 }, 'maxSessionDurationSeconds');
  invalid({ trustedAccountId: '111111111111', externalId: 'ext-1', roleName: 'bad name' }, 'roleName');
  iamTemplate({ trustedAccountId: '111111111111', externalId: 'e'.repeat(1224) });
  iamTemplate({ trustedAccountId: '111111111111', externalId: 'a+b=c,d.e@f:g/h-i_j' });
});

test.run();
