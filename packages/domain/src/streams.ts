/** One stream per organization: the consistency boundary of every rule. */
export const ORG_STREAM_PREFIX = 'providers-org-';

/** The stream holding every event of one org. */
export const orgStream = (orgId: string): string => `${ORG_STREAM_PREFIX}${orgId}`;

/** The org id of an org stream, or undefined for any other stream. */
export const orgIdOfStream = (stream: string): string | undefined =>
  stream.startsWith(ORG_STREAM_PREFIX) ? stream.slice(ORG_STREAM_PREFIX.length) : undefined;
