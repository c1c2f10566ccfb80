// The CloudFormation template a customer deploys to create an access role. The trust policy grants
// exactly what vending sends: AssumeRole only with the external id, plus sts:TagSession (for the
// org/app/service/stage/region tags only) and sts:SetSourceIdentity. The permissions are a SAMPLE
// of a least-privilege deployment policy, meant to be narrowed, not a policy to deploy blindly.
import { rules } from '@providers/domain';
import { IamTemplateInputInvalid } from './errors.js';
import { sessionTagKeys } from './session-tags.js';

/** Who may assume the role, and how. */
export interface IamTemplateInput {
  /** The AWS account vending runs in. */
  readonly trustedAccountId: string;
  /** The provider's external id. */
  readonly externalId: string;
  /** The role's MaxSessionDuration, 3600–43200 s (default 3600); at least the provider's duration. */
  readonly maxSessionDurationSeconds?: number;
  /** A fixed role name; by default CloudFormation generates one. */
  readonly roleName?: string;
  /** The partition of the accounts (default `aws`). */
  readonly partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
}

const sampleNotice =
  'SAMPLE least-privilege deployment policy: narrow the stack, bucket and function prefixes and the actions to what your deployments use before relying on it.';

const validate = (input: IamTemplateInput): void => {
  if (!rules.ExternalId.is(input.externalId)) {
    throw new IamTemplateInputInvalid('externalId', '2–1224 characters of letters, digits and _+=,.@:/-');
  }
  validateIamTemplateOptions(input);
};

/**
 * Checks what the caller chose (everything but the external id), so that a template that would be
 * refused is refused before the org's external id is generated and recorded.
 */
export const validateIamTemplateOptions = (input: Partial<IamTemplateInput>): void => {
  if (input.trustedAccountId !== undefined && !rules.AccountId.is(input.trustedAccountId)) {
    throw new IamTemplateInputInvalid('trustedAccountId', 'an AWS account id of 12 digits');
  }
  const duration = input.maxSessionDurationSeconds;
  if (duration !== undefined && !(Number.isInteger(duration) && duration >= 3600 && duration <= 43200)) {
    throw new IamTemplateInputInvalid('maxSessionDurationSeconds', 'a whole number of seconds from 3600 to 43200');
  }
  if (input.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(input.roleName)) {
    throw new IamTemplateInputInvalid('roleName', '1–64 characters of letters, digits and _+=,.@-');
  }
};

const sub = (text: string): { 'Fn::Sub': string } => ({ 'Fn::Sub': text });

const deploymentPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'SampleCloudFormationStacks',
      Effect: 'Allow',
      Action: [
        'cloudformation:CreateStack',
        'cloudformation:UpdateStack',
        'cloudformation:DeleteStack',
        'cloudformation:DescribeStacks',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStackResource',
        'cloudformation:DescribeStackResources',
        'cloudformation:ListStackResources',
        'cloudformation:GetTemplate',
        'cloudformation:CreateChangeSet',
        'cloudformation:DescribeChangeSet',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:DeleteChangeSet',
      ],
      Resource: sub('arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stack/${StackNamePrefix}*/*'),
    },
    {
      Sid: 'SampleCloudFormationValidate',
      Effect: 'Allow',
      Action: ['cloudformation:ValidateTemplate'],
      Resource: '*',
    },
    {
      Sid: 'SampleDeploymentBucket',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: [
        sub('arn:${AWS::Partition}:s3:::${DeploymentBucketName}'),
        sub('arn:${AWS::Partition}:s3:::${DeploymentBucketName}/*'),
      ],
    },
    {
      Sid: 'SampleLambdaFunctions',
      Effect: 'Allow',
      Action: [
        'lambda:CreateFunction',
        'lambda:DeleteFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:PublishVersion',
        'lambda:ListVersionsByFunction',
        'lambda:CreateAlias',
        'lambda:UpdateAlias',
        'lambda:DeleteAlias',
        'lambda:AddPermission',
        'lambda:RemovePermission',
        'lambda:TagResource',
        'lambda:UntagResource',
      ],
      Resource: sub('arn:${AWS::Partition}:lambda:*:${AWS::AccountId}:function:${FunctionNamePrefix}*'),
    },
    {
      Sid: 'SampleApiGateway',
      Effect: 'Allow',
      Action: ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'],
      Resource: [
        sub('arn:${AWS::Partition}:apigateway:*::/restapis'),
        sub('arn:${AWS::Partition}:apigateway:*::/restapis/*'),
        sub('arn:${AWS::Partition}:apigateway:*::/apis'),
        sub('arn:${AWS::Partition}:apigateway:*::/apis/*'),
        sub('arn:${AWS::Partition}:apigateway:*::/tags/*'),
      ],
    },
    {
      Sid: 'SampleFunctionLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:TagResource'],
      Resource: sub('arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/${FunctionNamePrefix}*'),
    },
    {
      Sid: 'SampleLogGroupsDescribe',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups'],
      Resource: '*',
    },
    {
      Sid: 'SamplePassExecutionRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role${PassRolePathPrefix}*'),
      Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'apigateway.amazonaws.com'] } },
    },
  ],
};

/** A CloudFormation template (as a JSON object) for a provider's access role. */
export const iamTemplate = (input: IamTemplateInput): object => {
  validate(input);
  const trusted = `arn:${input.partition ?? 'aws'}:iam::${input.trustedAccountId}:root`;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Access role that Providers vending (account ${input.trustedAccountId}) assumes with an external id. ${sampleNotice}`,
    Metadata: { Notice: sampleNotice },
    Parameters: {
      StackNamePrefix: {
        Type: 'String',
        MinLength: 1,
        AllowedPattern: '[a-zA-Z][-a-zA-Z0-9]*',
        Description: 'Only stacks whose names start with this prefix can be deployed.',
      },
      DeploymentBucketName: {
        Type: 'String',
        MinLength: 3,
        AllowedPattern: '[a-z0-9][a-z0-9.-]*',
        Description: 'The S3 bucket that receives deployment artifacts.',
      },
      FunctionNamePrefix: {
        Type: 'String',
        MinLength: 1,
        AllowedPattern: '[a-zA-Z0-9-_]+',
        Description: 'Only Lambda functions (and their log groups) whose names start with this prefix can be managed.',
      },
      PassRolePathPrefix: {
        Type: 'String',
        Default: '/deployed/',
        AllowedPattern: '/([\\w+=,.@-]+/)+',
        Description: 'Only roles under this IAM path can be passed to Lambda and API Gateway.',
      },
    },
    Resources: {
      AccessRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ...(input.roleName === undefined ? {} : { RoleName: input.roleName }),
          Description: 'Assumed by Providers vending to mint short-lived deployment credentials.',
          MaxSessionDuration: input.maxSessionDurationSeconds ?? 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AssumeOnlyWithExternalId',
                Effect: 'Allow',
                Principal: { AWS: trusted },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': input.externalId } },
              },
              {
                Sid: 'DeploymentSessionTags',
                Effect: 'Allow',
                Principal: { AWS: trusted },
                Action: 'sts:TagSession',
                Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [...sessionTagKeys] } },
              },
              {
                Sid: 'DeployerSourceIdentity',
                Effect: 'Allow',
                Principal: { AWS: trusted },
                Action: 'sts:SetSourceIdentity',
              },
            ],
          },
          Policies: [{ PolicyName: 'SampleDeploymentPolicy', PolicyDocument: deploymentPolicy }],
        },
      },
    },
    Outputs: {
      RoleArn: { Description: 'The role ARN to give the provider.', Value: { 'Fn::GetAtt': ['AccessRole', 'Arn'] } },
      ExternalId: { Description: 'The external id the provider must send (not a secret).', Value: input.externalId },
    },
  };
};
