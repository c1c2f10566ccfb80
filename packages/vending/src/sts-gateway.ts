// The one place that talks to STS: the SDK client configured for the vending identity, our own
// retries (the SDK's are turned off so that one deadline bounds the whole call), and the
// translation of failures into typed errors.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialsProvider } from './aws-credentials.js';
import { StsEndpointInvalid, StsResponseMalformed, StsUnavailable } from './errors.js';
import { RetriesExhausted, retryWithinDeadline, type RetryPolicy } from './retry.js';
import type { SessionTag } from './session-tags.js';
import { classifyStsFailure, type StsCallContext } from './sts-errors.js';

/** How vending reaches STS and with which identity. */
export interface StsOptions {
  /** The STS region; by default AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1. */
  readonly region?: string;
  /** An endpoint URL; without it the SDK honours AWS_ENDPOINT_URL_STS, then the regional endpoint. */
  readonly endpoint?: string;
  /** The vending identity; by default the SDK's default credential chain. */
  readonly credentials?: AwsCredentialsProvider;
  /** Attempts per call, the first included (default 4). */
  readonly maxAttempts?: number;
  /** The time one call may take, retries included (default 15 000 ms). */
  readonly deadlineMs?: number;
  /** The base of the exponential backoff (default 100 ms; waits are capped at 2 000 ms). */
  readonly baseDelayMs?: number;
}

/** What AssumeRole is asked. */
export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly tags: ReadonlyArray<SessionTag>;
  readonly sourceIdentity?: string;
}

/** The credentials of an assumed-role session. */
export interface AssumedRole {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  /** The request id STS answered with (CloudTrail's `requestID` of the AssumeRole event). */
  readonly requestId?: string;
}

/** Who the vending identity is, as GetCallerIdentity answers. */
export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
}

/** STS as vending uses it. */
export interface StsGateway {
  assumeRole(input: AssumeRoleInput): Promise<AssumedRole>;
  /** The vending identity (asked once, then remembered). */
  callerIdentity(): Promise<CallerIdentity>;
  /** Whether the vending identity is itself a role session (then STS caps durations at 1 hour). */
  isRoleSession(): Promise<boolean>;
  close(): void;
}

const defaultRegion = (): string => process.env['AWS_REGION'] || process.env['AWS_DEFAULT_REGION'] || 'us-east-1';

/**
 * The endpoint as given, checked: a malformed one is a configuration error naming where it came
 * from, not a network failure to retry. Without an explicit one, the SDK reads the environment
 * itself, so the same variables are checked here first.
 */
const checkedEndpoint = (explicit: string | undefined): void => {
  const candidates: Array<[string, string | undefined]> = explicit === undefined
    ? [['AWS_ENDPOINT_URL_STS', process.env['AWS_ENDPOINT_URL_STS']], ['AWS_ENDPOINT_URL', process.env['AWS_ENDPOINT_URL']]]
    : [['sts.endpoint', explicit]];
  for (const [source, value] of candidates) {
    if (value === undefined || value === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      throw new StsEndpointInvalid(source);
    }
    return;
  }
};

/** Connects vending to STS. */
export const createStsGateway = (options: StsOptions = {}): StsGateway => {
  const region = options.region ?? defaultRegion();
  checkedEndpoint(options.endpoint);
  const client = new STSClient({
    region,
    maxAttempts: 1,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 4,
    deadlineMs: options.deadlineMs ?? 15_000,
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: 2_000,
  };

  const call = async <T>(context: StsCallContext, send: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await retryWithinDeadline(send, (error) => classifyStsFailure(error, context), policy);
    } catch (error) {
      if (error instanceof RetriesExhausted) throw new StsUnavailable(error.attempts, error.lastProblem);
      throw error;
    }
  };

  const assumeRole = async (input: AssumeRoleInput): Promise<AssumedRole> => {
    const context = { action: 'AssumeRole', roleArn: input.roleArn, externalId: input.externalId, region };
    const reply = await call(context, (abortSignal) =>
      client.send(
        new AssumeRoleCommand({
          RoleArn: input.roleArn,
          RoleSessionName: input.sessionName,
          DurationSeconds: input.durationSeconds,
          Tags: input.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })),
          ...(input.externalId === undefined ? {} : { ExternalId: input.externalId }),
          ...(input.sourceIdentity === undefined ? {} : { SourceIdentity: input.sourceIdentity }),
        }),
        { abortSignal },
      ),
    );
    const credentials = reply.Credentials;
    const expiration = credentials?.Expiration;
    if (
      credentials?.AccessKeyId === undefined ||
      credentials.SecretAccessKey === undefined ||
      credentials.SessionToken === undefined ||
      !(expiration instanceof Date) ||
      Number.isNaN(expiration.getTime())
    ) {
      throw new StsResponseMalformed('AssumeRole', 'the reply has no complete Credentials element');
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration,
      assumedRoleArn: reply.AssumedRoleUser?.Arn ?? '',
      ...(reply.$metadata.requestId === undefined ? {} : { requestId: reply.$metadata.requestId }),
    };
  };

  let identity: Promise<CallerIdentity> | undefined;
  const callerIdentity = (): Promise<CallerIdentity> => {
    identity ??= call({ action: 'GetCallerIdentity', region }, (abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }))
      .then((reply) => {
        if (reply.Arn === undefined || reply.Account === undefined) throw new StsResponseMalformed('GetCallerIdentity', 'the reply has no Arn or Account');
        return { accountId: reply.Account, arn: reply.Arn };
      })
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };
  const isRoleSession = async (): Promise<boolean> => /^arn:[\w-]+:sts::\d{12}:assumed-role\//.test((await callerIdentity()).arn);

  return { assumeRole, callerIdentity, isRoleSession, close: () => client.destroy() };
};
