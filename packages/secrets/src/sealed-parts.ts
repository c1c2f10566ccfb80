import { SecretTampered } from './errors.js';
import { SEALED_SECRET_ALGORITHM, type SealedSecret } from './sealed-secret.js';

/** The sizes of an AES-256-GCM nonce and tag, as sealed secrets carry them. */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const decodeBase64 = (value: unknown, bytes?: number): Buffer | undefined => {
  if (typeof value !== 'string' || !STRICT_BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64');
  return bytes === undefined || decoded.length === bytes ? decoded : undefined;
};

/** The binary parts of a sealed secret. */
export interface SealedParts {
  readonly iv: Buffer;
  readonly ct: Buffer;
  readonly tag: Buffer;
}

// Sealed secrets come out of events, which are data from outside: check the shape before the crypto.
export const decodeSealed = (sealed: SealedSecret, field: string): SealedParts => {
  const keyId = typeof sealed?.keyId === 'string' ? sealed.keyId : '(none)';
  const malformed = (what: string) => new SecretTampered(keyId, field, `the sealed secret is malformed: ${what}`);
  if (sealed?.alg !== SEALED_SECRET_ALGORITHM) throw malformed(`alg is not ${SEALED_SECRET_ALGORITHM}`);
  if (typeof sealed.keyId !== 'string' || sealed.keyId.length === 0 || sealed.keyId.includes('\0')) {
    throw malformed('keyId is not a key id');
  }
  const iv = decodeBase64(sealed.iv, IV_BYTES);
  if (iv === undefined) throw malformed(`iv is not base64 of ${IV_BYTES} bytes`);
  const ct = decodeBase64(sealed.ct);
  if (ct === undefined) throw malformed('ct is not base64');
  const tag = decodeBase64(sealed.tag, TAG_BYTES);
  if (tag === undefined) throw malformed(`tag is not base64 of ${TAG_BYTES} bytes`);
  return { iv, ct, tag };
};
