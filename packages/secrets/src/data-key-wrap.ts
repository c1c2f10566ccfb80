import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * The layout of a wrapped data key: a format byte, then AES-256-GCM of the
 * 32-byte data key under a master key. The additional authenticated data binds
 * the wrapped bytes to their data key id and master key id, so that copying a
 * wrapped key to another id in the key store, or relabelling its master key
 * id, makes it fail to unwrap instead of silently opening someone else's secrets.
 */
const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
const WRAPPED_BYTES = 1 + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;

const wrapAad = (keyId: string, masterKeyId: string): Buffer =>
  Buffer.from(`providers/data-key\0${keyId}\0${masterKeyId}`, 'utf8');

/** Encrypts a data key under a master key. */
export const wrapDataKey = (
  masterKey: Uint8Array,
  masterKeyId: string,
  keyId: string,
  dataKey: Uint8Array,
  iv: Uint8Array,
): Uint8Array => {
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(keyId, masterKeyId));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(FORMAT_V1), iv, ct, cipher.getAuthTag()]));
};

/** Decrypts a wrapped data key; `undefined` when it is malformed or fails authentication. */
export const unwrapDataKey = (
  masterKey: Uint8Array,
  masterKeyId: string,
  keyId: string,
  wrapped: Uint8Array,
): Buffer | undefined => {
  if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== FORMAT_V1) return undefined;
  const bytes = Buffer.from(wrapped);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const ct = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + DATA_KEY_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES + DATA_KEY_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(wrapAad(keyId, masterKeyId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    return undefined;
  }
};
