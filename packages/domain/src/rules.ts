import * as t from 'io-ts';

/**
 * A string codec that checks one rule. The rule's text is the failure message,
 * so an error can say which field broke which rule without a lookup table.
 */
export const ruled = (name: string, rule: string, maxLength: number, test: (s: string) => boolean) => new RuledType(name, rule, maxLength, test);

/** A string codec with one rule (see `ruled`); its own class so that guards can call its check directly. */
export class RuledType extends t.Type<string, string, unknown> {
  constructor(name: string, rule: string, maxLength: number, test: (s: string) => boolean) {
    // Length first: a hostile 10 MB value is refused before any pattern runs over it.
    const is = (u: unknown): u is string => typeof u === 'string' && u.length <= maxLength && test(u);
    super(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, rule)), t.identity);
  }
}

const matches = (pattern: RegExp) => (s: string) => pattern.test(s);

/** An id of up to `maxLength` characters from one alphabet (the ids of providers, commands and profiles share it). */
const identifier = (name: string, noun: string, maxLength: number) =>
  ruled(
    name,
    `${noun} is 1–${maxLength} characters: ASCII letters, digits, ".", "_", ":" or "-"`,
    maxLength,
    matches(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${maxLength - 1}}$`)),
  );

/** A name of an app or a service: they follow one rule, so a service can be named like its app. */
const deploymentName = (name: string, noun: string) =>
  ruled(name, `${noun} is 1–128 characters: ASCII letters, digits or "-", starting with a letter`, 128, matches(/^[A-Za-z][A-Za-z0-9-]{0,127}$/));

/** An organization id: the tenant every command, event and query is scoped to. */
export const OrgId = ruled(
  'OrgId',
  'an organization id is 1–64 characters: ASCII letters, digits, ".", "_" or "-", starting with a letter or digit',
  64,
  matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
);

/** A provider id, unique in its org and never reused. */
export const ProviderId = identifier('ProviderId', 'a provider id', 64);

/** A provider name, unique in its org regardless of case. */
export const ProviderName = ruled(
  'ProviderName',
  'a provider name is 1–64 characters: ASCII letters, digits, spaces, ".", "_" or "-", starting and ending with a letter or digit',
  64,
  matches(/^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9])?$/),
);

/** A provider's vendor: aws, stripe, twilio, … (an open set). */
export const ProviderType = ruled(
  'ProviderType',
  'a provider type is a lowercase vendor identifier: 1–32 characters of a–z, 0–9 or "-", starting with a letter (aws, stripe, twilio, …)',
  32,
  matches(/^[a-z][a-z0-9-]{0,31}$/),
);

/** An app name. */
export const AppName = deploymentName('AppName', 'an app name');

/** A service name (a service lives in an app). */
export const ServiceName = deploymentName('ServiceName', 'a service name');

/** A stage name (an instance is a service deployed to a stage). */
export const StageName = ruled(
  'StageName',
  'a stage name is 1–64 characters: ASCII letters, digits or "-", starting with a letter or digit',
  64,
  matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/),
);

// Every AWS partition's region names: <area>[-gov|-iso…]-<direction>-<n>.
const AWS_REGION = /^(?:af|ap|ca|cn|eu|il|me|mx|sa|us)(?:-gov|-iso|-isob|-isoe|-isof)?-(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]$/;
/** An AWS region name, in any partition. */
export const AwsRegion = ruled(
  'AwsRegion',
  'an AWS region name such as us-east-1, eu-central-2, us-gov-west-1 or cn-north-1',
  32,
  matches(AWS_REGION),
);

/** A 12-digit AWS account id. */
export const AccountId = ruled('AccountId', 'an AWS account id is exactly 12 digits', 12, matches(/^\d{12}$/));

// arn:<partition>:iam::<account>:role/<optional/path/>name — IAM paths allow printable ASCII.
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7E]{1,510}\/)?([\w+=,.@-]{1,64})$/;
/** An IAM role ARN in the aws, aws-cn or aws-us-gov partition. */
export const RoleArn = ruled(
  'RoleArn',
  'a role ARN is arn:aws|aws-cn|aws-us-gov:iam::<12-digit account>:role/<optional path/>name, the name 1–64 characters of [A-Za-z0-9_+=,.@-]',
  2048,
  matches(ROLE_ARN),
);

/** The account id that owns a role, read from its (valid) ARN. */
export const accountIdOfRoleArn = (roleArn: string): string | undefined => ROLE_ARN.exec(roleArn)?.[2];

/** An AWS access key id (long-term AKIA or temporary ASIA). */
export const AccessKeyId = ruled(
  'AccessKeyId',
  'an AWS access key id is AKIA or ASIA followed by 16 upper-case letters or digits',
  20,
  matches(/^(?:AKIA|ASIA)[A-Z0-9]{16}$/),
);

/** An AWS secret access key in plain text: only checked at the edge, then sealed. */
export const SecretAccessKeyText = ruled(
  'SecretAccessKey',
  'an AWS secret access key is 40 characters of letters, digits, "/", "+" or "="',
  40,
  matches(/^[A-Za-z0-9/+=]{40}$/),
);

/** The external id an access role's trust policy requires (AWS's rule for its characters). */
export const ExternalId = ruled(
  'ExternalId',
  'an external id is 2–1224 characters of letters, digits and _+=,.@:/-',
  1224,
  matches(/^[\w+=,.@:/-]{2,1224}$/),
);

/** How long an assumed-role session lasts: 900–43200 s. */
export const SessionDurationSeconds = new t.Type<number, number, unknown>(
  'SessionDurationSeconds',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 900 && u <= 43200,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 900 && u <= 43200
      ? t.success(u)
      : t.failure(u, c, 'a session duration is a whole number of seconds from 900 (15 minutes) to 43200 (12 hours)'),
  t.identity,
);

/** The name of one of a vendor provider's secret fields. */
export const SecretFieldName = ruled(
  'SecretFieldName',
  'a secret field name is 1–64 characters of ASCII letters, digits or "_", starting with a letter',
  64,
  matches(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
);

/** A command id: sending the same command id twice appends once. */
export const CommandId = identifier('CommandId', 'a command id', 128);

/** A legacy deployment profile id. */
export const DeploymentProfileId = identifier('DeploymentProfileId', 'a deployment profile id', 128);

/** A legacy deployment profile name. */
export const DeploymentProfileName = ruled(
  'DeploymentProfileName',
  'a deployment profile name is 1–128 printable characters without leading or trailing spaces',
  128,
  matches(/^[\x21-\x7E](?:[\x20-\x7E]{0,126}[\x21-\x7E])?$/),
);

/** Who acted: recorded on every event. */
export const ActorId = ruled(
  'ActorId',
  'an actor id is 1–128 printable characters without spaces',
  128,
  matches(/^[\x21-\x7E]{1,128}$/),
);

/** An instant in ISO 8601 UTC, as Date#toISOString writes it: time comes in with the command, the domain reads no clock. */
export const Timestamp = ruled(
  'Timestamp',
  'a time is an ISO 8601 UTC timestamp such as 2026-01-31T12:00:00.000Z',
  32,
  matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/),
);

/** Why something was done or skipped, for people. */
export const Reason = ruled('Reason', 'a reason is 1–500 characters', 500, (s) => s.length > 0);
