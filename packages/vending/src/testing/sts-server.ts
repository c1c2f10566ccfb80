// An in-process STS endpoint for tests: speaks the AWS query protocol the SDK uses (form-encoded
// POST in, XML out), checks that requests carry a well-formed SigV4 header, records what it was
// asked, and can be told to be slow, to fail, or to answer garbage.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assumeRoleXml, callerIdentityXml, errorXml, randomUpper, requestId, truncatedXml } from './sts-replies.js';

/** An error code the test endpoint can answer with, and the HTTP status STS uses for it. */
export const stsErrorStatus = {
  AccessDenied: 403,
  RegionDisabledException: 403,
  ExpiredToken: 403,
  InvalidClientTokenId: 403,
  IncompleteSignature: 403,
  MissingAuthenticationToken: 403,
  Throttling: 400,
  ValidationError: 400,
  MalformedPolicyDocument: 400,
  PackedPolicyTooLarge: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
} as const;

/** A code of `stsErrorStatus`. */
export type StsErrorCode = keyof typeof stsErrorStatus;

/** One scripted reply, used instead of the normal answer for the next request. */
export type InjectedReply =
  | { readonly error: StsErrorCode; readonly message?: string }
  | { readonly malformed: true }
  | { readonly status: number; readonly body: string };

/** What the endpoint saw in one request. */
export interface RecordedStsRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  readonly accessKeyId: string;
  readonly region: string;
  readonly securityToken: string | undefined;
}

/** Credentials the endpoint handed out, so that tests can look for them where they must not be. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** Settings of the test endpoint. */
export interface StsServerOptions {
  /** The endpoint's clock, for the expiration of issued credentials (ms since the epoch). */
  readonly clock?: () => number;
  /** The lifetime of issued credentials; by default the DurationSeconds asked for (3600 if none). */
  readonly credentialLifetimeSeconds?: number;
  /** What GetCallerIdentity answers; an `assumed-role` ARN makes the caller a role session. */
  readonly callerArn?: string;
}

/** A running test endpoint. */
export interface StsServer {
  readonly url: string;
  readonly requests: ReadonlyArray<RecordedStsRequest>;
  readonly issued: ReadonlyArray<IssuedCredentials>;
  /** How many requests of this action (or of any action) arrived with a valid signature. */
  calls(action?: string): number;
  /** Answers the next requests with these replies, in order, then normally again. */
  failNext(...replies: InjectedReply[]): void;
  /** Waits this long before answering every following request. */
  setLatency(ms: number): void;
  /** The role can only be assumed with this external id (otherwise AccessDenied). */
  requireExternalId(roleArn: string, externalId: string): void;
  /** The role cannot be assumed at all (AccessDenied). */
  denyRole(roleArn: string): void;
  setCallerArn(arn: string): void;
  close(): Promise<void>;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/sts\/aws4_request, ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;
const roleChainingLimitSeconds = 3600;

const tagsOf = (params: Record<string, string>): Array<{ key: string; value: string }> => {
  const tags: Array<{ key: string; value: string }> = [];
  for (let n = 1; params[`Tags.member.${n}.Key`] !== undefined; n++) {
    tags.push({ key: params[`Tags.member.${n}.Key`] ?? '', value: params[`Tags.member.${n}.Value`] ?? '' });
  }
  return tags;
};

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** Starts a test STS endpoint on 127.0.0.1 and an ephemeral port. */
export const startStsServer = async (options: StsServerOptions = {}): Promise<StsServer> => {
  const clock = options.clock ?? Date.now;
  const requests: RecordedStsRequest[] = [];
  const issued: IssuedCredentials[] = [];
  const scripted: InjectedReply[] = [];
  const externalIds = new Map<string, string>();
  const deniedRoles = new Set<string>();
  let latencyMs = 0;
  let callerArn = options.callerArn ?? 'arn:aws:iam::111111111111:user/vending';

  const send = (response: ServerResponse, status: number, body: string): void => {
    response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId() });
    response.end(body);
  };
  const sendError = (response: ServerResponse, code: StsErrorCode, message: string): void =>
    send(response, stsErrorStatus[code], errorXml(code, message));

  const issue = (durationSeconds: number): IssuedCredentials => {
    const lifetime = options.credentialLifetimeSeconds ?? durationSeconds;
    const credentials = {
      accessKeyId: `ASIA${randomUpper(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`,
      expiration: new Date(Math.floor((clock() + lifetime * 1000) / 1000) * 1000),
    };
    issued.push(credentials);
    return credentials;
  };

  const assumeRole = (request: RecordedStsRequest, response: ServerResponse): void => {
    const roleArn = request.params['RoleArn'] ?? '';
    const sessionName = request.params['RoleSessionName'] ?? '';
    const duration = Number(request.params['DurationSeconds'] ?? '3600');
    const required = externalIds.get(roleArn);
    if (deniedRoles.has(roleArn) || (required !== undefined && request.params['ExternalId'] !== required)) {
      sendError(
        response,
        'AccessDenied',
        `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
      return;
    }
    if (callerArn.includes(':assumed-role/') && duration > roleChainingLimitSeconds) {
      sendError(
        response,
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      return;
    }
    const credentials = issue(duration);
    const reply = { roleArn, sessionName, sourceIdentity: request.params['SourceIdentity'], credentials, packedPolicySize: request.tags.length };
    send(response, 200, assumeRoleXml(reply));
  };

  const getCallerIdentity = (response: ServerResponse): void => send(response, 200, callerIdentityXml(callerArn));

  const reply = (injected: InjectedReply, response: ServerResponse): void => {
    if ('error' in injected) sendError(response, injected.error, injected.message ?? `injected ${injected.error}`);
    else if ('malformed' in injected) send(response, 200, truncatedXml);
    else send(response, injected.status, injected.body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (response.destroyed) return;
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      sendError(response, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      return;
    }
    const signature = authorizationPattern.exec(authorization);
    if (request.method !== 'POST' || signature === null) {
      sendError(response, 'IncompleteSignature', 'The request signature does not conform to AWS standards.');
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(body));
    const token = request.headers['x-amz-security-token'];
    const recorded: RecordedStsRequest = {
      action: params['Action'] ?? '',
      params,
      tags: tagsOf(params),
      accessKeyId: signature[1] ?? '',
      region: signature[3] ?? '',
      securityToken: typeof token === 'string' ? token : undefined,
    };
    requests.push(recorded);
    const injected = scripted.shift();
    if (injected !== undefined) reply(injected, response);
    else if (recorded.action === 'AssumeRole') assumeRole(recorded, response);
    else if (recorded.action === 'GetCallerIdentity') getCallerIdentity(response);
    else send(response, 400, errorXml('InvalidAction', `Could not find operation ${recorded.action}`));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, errorXml('InternalFailure', 'test endpoint failure'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issued,
    calls: (action) => requests.filter((r) => action === undefined || r.action === action).length,
    failNext: (...replies) => void scripted.push(...replies),
    setLatency: (ms) => void (latencyMs = ms),
    requireExternalId: (roleArn, externalId) => void externalIds.set(roleArn, externalId),
    denyRole: (roleArn) => void deniedRoles.add(roleArn),
    setCallerArn: (arn) => void (callerArn = arn),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
