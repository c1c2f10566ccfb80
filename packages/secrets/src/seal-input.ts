import { InvalidSealInput } from './errors.js';

// The NUL separator is what makes (keyId, field) → AAD one-to-one, hence the refusal of NUL in either.
export const additionalData = (keyId: string, field: string): Buffer => Buffer.from(`${keyId}\0${field}`, 'utf8');

/** The plaintext's bytes, once the field and the text are fit to seal (checked before any data key is made). */
export const sealInput = (field: string, plaintext: string): Buffer => {
  checkAddress('field', field);
  const bytes = Buffer.from(plaintext, 'utf8');
  // A lone surrogate would silently become U+FFFD and open as a different value.
  if (bytes.toString('utf8') !== plaintext) throw new InvalidSealInput('plaintext', 'is not well-formed Unicode');
  return bytes;
};

/** Refuses an empty key id or field, or one with a NUL. */
export const checkAddress = (input: 'keyId' | 'field', value: string): void => {
  if (value.length === 0) throw new InvalidSealInput(input, 'must not be empty');
  if (value.includes('\0')) throw new InvalidSealInput(input, 'must not contain a NUL character');
};
