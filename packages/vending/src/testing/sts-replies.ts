// The documents the test STS endpoint answers with, in STS's XML (its namespace, a request id in
// every reply): AssumeRole and GetCallerIdentity as STS words them, an error, and a reply cut short.
import { randomBytes } from 'node:crypto';
import type { IssuedCredentials } from './sts-server.js';

const xmlns = 'https://sts.amazonaws.com/doc/2011-06-15/';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A fresh request id, as STS puts in every reply and in its `x-amzn-requestid` header. */
export const requestId = (): string => randomBytes(16).toString('hex');

/** `length` random characters of the alphabet AWS ids use (access key ids, role and user ids). */
export const randomUpper = (length: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
};

const accountOf = (arn: string): string => arn.split(':')[4] ?? '000000000000';

/** An STS error document. */
export const errorXml = (code: string, message: string): string =>
  `<ErrorResponse xmlns="${xmlns}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code>` +
  `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`;

/** What AssumeRole hands back: a session of the role in the role's account, and its credentials. */
export interface AssumedRoleReply {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly sourceIdentity: string | undefined;
  readonly credentials: IssuedCredentials;
  /** What STS reports as the share of the packed-policy limit the session tags use. */
  readonly packedPolicySize: number;
}

/** The AssumeRole answer. */
export const assumeRoleXml = (reply: AssumedRoleReply): string => {
  const roleName = reply.roleArn.split('/').pop() ?? 'role';
  const { credentials, sessionName, sourceIdentity } = reply;
  return (
    `<AssumeRoleResponse xmlns="${xmlns}"><AssumeRoleResult>` +
    (sourceIdentity ? `<SourceIdentity>${escapeXml(sourceIdentity)}</SourceIdentity>` : '') +
    `<AssumedRoleUser><Arn>arn:aws:sts::${accountOf(reply.roleArn)}:assumed-role/${escapeXml(roleName)}/${escapeXml(sessionName)}</Arn>` +
    `<AssumedRoleId>AROA${randomUpper(17)}:${escapeXml(sessionName)}</AssumedRoleId></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${credentials.accessKeyId}</AccessKeyId>` +
    `<SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${credentials.sessionToken}</SessionToken>` +
    `<Expiration>${credentials.expiration.toISOString()}</Expiration></Credentials>` +
    `<PackedPolicySize>${reply.packedPolicySize}</PackedPolicySize>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
};

/** The GetCallerIdentity answer for `callerArn` (its account taken from the ARN). */
export const callerIdentityXml = (callerArn: string): string =>
  `<GetCallerIdentityResponse xmlns="${xmlns}"><GetCallerIdentityResult>` +
  `<Arn>${escapeXml(callerArn)}</Arn><UserId>AIDA${randomUpper(17)}</UserId><Account>${accountOf(callerArn)}</Account>` +
  `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/** A reply cut off in the middle of its credentials: no XML parser accepts it. */
export const truncatedXml = '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>';
