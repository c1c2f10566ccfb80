import { createHash } from 'node:crypto';

/** The most characters a command id may have (the domain's `CommandId` rule). */
const MAX_COMMAND_ID = 128;

/**
 * A deterministic command id `<origin>:<orgId>:<verb>:<part>:…`, so that a
 * repeated import or migration sends the same commands and the domain's
 * idempotency turns the repeats into no-ops.
 *
 * The verb comes before the parts on purpose: profile and provider ids may
 * hold ":", and only a fixed prefix keeps two different steps from spelling
 * the same id. App, service, stage and region names never hold ":". When the
 * readable id is too long, the parts are hashed under the verb + ".h", which
 * no readable id uses.
 */
export const commandIdFor = (origin: 'import' | 'migrate', orgId: string, verb: string, parts: readonly string[]): string => {
  const readable = [origin, orgId, verb, ...parts].join(':');
  if (readable.length <= MAX_COMMAND_ID) return readable;
  const digest = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40);
  return [origin, orgId, `${verb}.h`, digest].join(':');
};

/** A short, stable digest of some values: tells one version of a thing from another in an id. */
export const digestOf = (...values: readonly (string | undefined)[]): string =>
  createHash('sha256')
    .update(values.map((value) => (value === undefined ? '\u0000' : `\u0001${value}`)).join('\u0002'))
    .digest('hex')
    .slice(0, 16);
