import { validatePlainSecrets, type PlainCredentials, type Redactor } from '@providers/sdk';
import { unwrap } from './context.js';

/**
 * Checks the secrets first (a value of the wrong size is refused by field name,
 * and never registered), then teaches the redactor every value, so that no
 * later output — an error included — can show one.
 */
export const rememberSecrets = (redactor: Redactor, credentials: PlainCredentials): void => {
  unwrap(validatePlainSecrets(credentials));
  if (credentials.kind === 'aws-keys') redactor.add(credentials.secretAccessKey);
  if (credentials.kind === 'secret') for (const value of Object.values(credentials.fields)) redactor.add(value);
};
