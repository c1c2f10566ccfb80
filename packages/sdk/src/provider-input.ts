import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, rules, type InvalidInput } from '@providers/domain';

/** Credentials as an admin gives them: secrets still in plain text, to be sealed before they enter an event. */
export type PlainCredentials =
  | { readonly kind: 'aws-role'; readonly roleArn: string; readonly externalId?: string; readonly sessionDurationSeconds?: number }
  | { readonly kind: 'aws-keys'; readonly accessKeyId: string; readonly secretAccessKey: string }
  | { readonly kind: 'secret'; readonly fields: Readonly<Record<string, string>> };

/** A vendor secret value: something, and not a payload. */
export const MAX_SECRET_VALUE_LENGTH = 4096;

/** An hour: long enough for a deployment, short enough to limit a leaked session. */
export const DEFAULT_SESSION_DURATION_SECONDS = 3600;

/** Checks the plain-text secrets (which the domain never sees: it only sees them sealed) and the names they are sealed under. */
export const validatePlainSecrets = (credentials: PlainCredentials): E.Either<InvalidInput, void> => {
  if (credentials.kind === 'aws-keys' && !rules.SecretAccessKeyText.is(credentials.secretAccessKey))
    return E.left(invalidInput('credentials.secretAccessKey', 'an AWS secret access key is 40 characters of letters, digits, "/", "+" or "="'));
  if (credentials.kind === 'secret')
    for (const [name, value] of Object.entries(credentials.fields)) {
      // Names are checked here too, before anything is sealed under them.
      if (!rules.SecretFieldName.is(name))
        return E.left(invalidInput('credentials.fields', `secret field "${String(name).slice(0, 64)}": a field name is 1–64 characters of letters, digits or "_", starting with a letter`));
      if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SECRET_VALUE_LENGTH)
        return E.left(invalidInput(`credentials.fields.${name}`, `a secret value is 1–${MAX_SECRET_VALUE_LENGTH} characters`));
    }
  return E.right(undefined);
};
