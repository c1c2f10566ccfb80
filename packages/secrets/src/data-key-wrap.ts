import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The layout of a wrapped data key: a format byte, the fingerprint of the
 * master key that wrapped it (format 2), then AES-256-GCM of the 32-byte data
 * key under that master key. The additional authenticated data binds the
 * wrapped bytes to their data key id and master key id (and fingerprint), so
 * that copying a wrapped key to another id in the key store, or relabelling
 * its master key id, makes it fail to unwrap instead of silently opening
 * someone else's secrets. Format 1, without the fingerprint, is what the
 * sealer wrote before; it still unwraps.
 */
const FORMAT_1 = 0x01;
const FORMAT_2 = 0x02;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
const FINGERPRINT_BYTES = 16;
const SEALED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const FINGERPRINT_LABEL = 'providers/master-key-fingerprint/v1';

/**
 * What a master key id is bound to: HMAC-SHA-256 of a fixed label under the
 * key, truncated to 128 bits. HMAC is a PRF, so the fingerprint tells nothing
 * about the key but whether a guess of all of it is right, and that is as
 * hard as the key is random; it is not a hash of the key that could be
 * confused with another use of it.
 */
export const masterKeyFingerprint = (masterKey: Uint8Array): Buffer =>
  createHmac('sha256', masterKey).update(FINGERPRINT_LABEL).digest().subarray(0, FINGERPRINT_BYTES);

const wrapAad = (keyId: string, masterKeyId: string, fingerprint?: Buffer): Buffer => {
  const base = Buffer.from(`providers/data-key\0${keyId}\0${masterKeyId}`, 'utf8');
  return fingerprint === undefined ? base : Buffer.concat([base, Buffer.of(0), fingerprint]);
};

/** Encrypts a data key under a master key, with the master key's fingerprint beside it (format 2). */
export const wrapDataKey = (
  masterKey: Uint8Array,
  masterKeyId: string,
  keyId: string,
  dataKey: Uint8Array,
  iv: Uint8Array,
): Uint8Array => {
  const fingerprint = masterKeyFingerprint(masterKey);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(keyId, masterKeyId, fingerprint));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(FORMAT_2), fingerprint, iv, ct, cipher.getAuthTag()]));
};

/**
 * Whether a wrapped data key was wrapped by this master key, as far as its
 * fingerprint says: `true` or `false` for format 2, `undefined` for format 1
 * (no fingerprint: only unwrapping can tell) or malformed bytes.
 */
export const wrappedBy = (masterKey: Uint8Array, wrapped: Uint8Array): boolean | undefined => {
  if (wrapped.length !== 1 + FINGERPRINT_BYTES + SEALED_BYTES || wrapped[0] !== FORMAT_2) return undefined;
  return timingSafeEqual(Buffer.from(wrapped.subarray(1, 1 + FINGERPRINT_BYTES)), masterKeyFingerprint(masterKey));
};

/** Whether a wrapped data key is in the format from before fingerprints. */
export const isFormat1 = (wrapped: Uint8Array): boolean => wrapped.length === 1 + SEALED_BYTES && wrapped[0] === FORMAT_1;

const decrypt = (masterKey: Uint8Array, aad: Buffer, sealed: Buffer): Buffer | undefined => {
  const iv = sealed.subarray(0, IV_BYTES);
  const ct = sealed.subarray(IV_BYTES, IV_BYTES + DATA_KEY_BYTES);
  const tag = sealed.subarray(IV_BYTES + DATA_KEY_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    return undefined;
  }
};

/** Decrypts a wrapped data key of either format; `undefined` when it is malformed or fails authentication. */
export const unwrapDataKey = (
  masterKey: Uint8Array,
  masterKeyId: string,
  keyId: string,
  wrapped: Uint8Array,
): Buffer | undefined => {
  const bytes = Buffer.from(wrapped);
  if (bytes.length === 1 + SEALED_BYTES && bytes[0] === FORMAT_1) return decrypt(masterKey, wrapAad(keyId, masterKeyId), bytes.subarray(1));
  if (bytes.length === 1 + FINGERPRINT_BYTES + SEALED_BYTES && bytes[0] === FORMAT_2) {
    const fingerprint = bytes.subarray(1, 1 + FINGERPRINT_BYTES);
    return decrypt(masterKey, wrapAad(keyId, masterKeyId, fingerprint), bytes.subarray(1 + FINGERPRINT_BYTES));
  }
  return undefined;
};
