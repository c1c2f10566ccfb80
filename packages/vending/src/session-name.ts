// Role session names appear in CloudTrail next to every call made with the session, so they say
// which deployment used it. STS allows 2–64 characters of [\w+=,.@-] (ASCII).
import { createHash } from 'node:crypto';

/** The deployment a session is for. */
export interface SessionInstance {
  readonly orgId: string;
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
}

const maxLength = 64;
const hashLength = 16;
const outsideSessionCharset = /[^\w+=,.@-]/g;

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, hashLength);

/**
 * The role session name of an instance: a readable `app.service.stage[.region]` prefix, cut to fit,
 * and a hash of the exact instance (org included). The prefix loses information (replaced
 * characters, truncation) but the hash is taken over an unambiguous encoding of all five parts, so
 * distinct instances get distinct names unless 64 bits of SHA-256 collide; vending's cache is keyed
 * on the instance itself, so even then two instances never share credentials.
 */
export const roleSessionName = (instance: SessionInstance): string => {
  const identity = JSON.stringify([instance.orgId, instance.app, instance.service, instance.stage, instance.region ?? null]);
  const readable = [instance.app, instance.service, instance.stage, instance.region]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('.')
    .replace(outsideSessionCharset, '-')
    .slice(0, maxLength - hashLength - 1);
  return `${readable}-${shortHash(identity)}`;
};

/**
 * The SourceIdentity STS records for an actor: [\w+=,.@-] only, 2–64 characters. Replaced
 * characters become `_`; an actor too long keeps its start and a hash of the whole, so two long
 * actors are still told apart.
 */
export const sourceIdentityOf = (actor: string): string => {
  const cleaned = actor.replace(outsideSessionCharset, '_');
  if (cleaned.length > maxLength) return `${cleaned.slice(0, maxLength - hashLength - 1)}-${shortHash(actor)}`;
  return cleaned.padEnd(2, '_');
};
