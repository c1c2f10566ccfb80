// The AWS CLI (`aws`, version 1) as a test drives it: against moto only, with a HOME and an AWS
// config of the test's own, so nothing of the machine's AWS set-up is read or written.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MotoServer } from './moto-server.js';

/** What one `aws` run printed. */
export interface AwsCliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aws ARGS` in `home` (its HOME and AWS_CONFIG_FILE), against moto. */
export const awsCli = (moto: MotoServer, home: string, args: readonly string[], env: Record<string, string> = {}): Promise<AwsCliRun> =>
  new Promise((resolve) => {
    execFile(
      'aws',
      [...args],
      {
        cwd: home,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
          ...moto.env,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });

/** Runs `aws ARGS --output json` and parses what it printed; a failure throws with its stderr. */
export const awsJson = async <T>(moto: MotoServer, home: string, args: readonly string[], env: Record<string, string> = {}): Promise<T> => {
  const run = await awsCli(moto, home, [...args, '--output', 'json'], env);
  if (run.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

/** The parameters of the IAM template that have no default, with values a test deployment can use. */
export const templateParameterValues: Readonly<Record<string, string>> = {
  StackNamePrefix: 'app1',
  DeploymentBucketName: 'acme-deployments',
  FunctionNamePrefix: 'app1',
};

/** Deploys a CloudFormation template as a stack on moto and returns the stack's outputs. */
export const deployStack = async (
  moto: MotoServer,
  home: string,
  stackName: string,
  template: object,
  parameters: Readonly<Record<string, string>> = templateParameterValues,
): Promise<Record<string, string>> => {
  const file = join(home, `${stackName}.template.json`);
  writeFileSync(file, JSON.stringify(template));
  await awsJson(moto, home, [
    'cloudformation',
    'create-stack',
    '--stack-name',
    stackName,
    '--template-body',
    `file://${file}`,
    '--capabilities',
    'CAPABILITY_IAM',
    'CAPABILITY_NAMED_IAM',
    '--parameters',
    ...Object.entries(parameters).map(([key, value]) => `ParameterKey=${key},ParameterValue=${value}`),
  ]);
  const wait = await awsCli(moto, home, ['cloudformation', 'wait', 'stack-create-complete', '--stack-name', stackName]);
  if (wait.code !== 0) throw new Error(`stack ${stackName} did not complete: ${wait.stderr}`);
  const described = await awsJson<{ Stacks: Array<{ Outputs?: Array<{ OutputKey: string; OutputValue: string }> }> }>(moto, home, [
    'cloudformation',
    'describe-stacks',
    '--stack-name',
    stackName,
  ]);
  return Object.fromEntries((described.Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
};

/** Writes an AWS config in `home` with one profile whose credentials come from `command`. */
export const credentialProcessProfile = (home: string, profile: string, command: readonly string[]): void => {
  const quoted = command.map((word) => `"${word.replace(/(["\\])/g, '\\$1')}"`).join(' ');
  writeFileSync(join(home, 'aws-config'), `[profile ${profile}]\nregion = us-east-1\ncredential_process = ${quoted}\n`);
};

/**
 * Static keys of an IAM user moto creates in another account: a role of that account is assumed,
 * and the user and its access key are made with those credentials (moto's GetCallerIdentity then
 * names that account for the keys).
 */
export const iamUserKeysIn = async (moto: MotoServer, home: string, accountId: string, userName: string): Promise<{ accessKeyId: string; secretAccessKey: string }> => {
  const assumed = await awsJson<{ Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }>(moto, home, [
    'sts', 'assume-role', '--role-arn', `arn:aws:iam::${accountId}:role/admin`, '--role-session-name', 'setup',
  ]);
  const asAccount = { AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId, AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey, AWS_SESSION_TOKEN: assumed.Credentials.SessionToken };
  await awsJson(moto, home, ['iam', 'create-user', '--user-name', userName], asAccount);
  const key = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(moto, home, ['iam', 'create-access-key', '--user-name', userName], asAccount);
  return { accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey };
};
