// Session tags let the role's policies and CloudTrail see which deployment a session serves.
// STS rules: keys 1–128 and values 0–256 characters of [\p{L}\p{Z}\p{N}_.:/=+\-@]; the keys here
// are fixed short words, only the values need sanitizing.
import type { SessionInstance } from './session-name.js';

/** One STS session tag. */
export interface SessionTag {
  readonly Key: string;
  readonly Value: string;
}

const outsideTagCharset = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const maxValueLength = 256;

/** A tag value STS accepts: characters it refuses become `_`, then it is cut at 256 characters. */
export const sanitizeTagValue = (value: string): string =>
  Array.from(value.replace(outsideTagCharset, '_')).slice(0, maxValueLength).join('');

/** The keys of the session tags vending sends; the IAM template allows exactly these. */
export const sessionTagKeys = ['org', 'app', 'service', 'stage', 'region'] as const;

/** The session tags of an instance: org, app, service, stage and, for traditional services, region. */
export const sessionTags = (instance: SessionInstance): SessionTag[] => {
  const values: Record<(typeof sessionTagKeys)[number], string | undefined> = {
    org: instance.orgId,
    app: instance.app,
    service: instance.service,
    stage: instance.stage,
    region: instance.region,
  };
  return sessionTagKeys.flatMap((key) => {
    const value = values[key];
    return value === undefined || value === '' ? [] : [{ Key: key, Value: sanitizeTagValue(value) }];
  });
};
