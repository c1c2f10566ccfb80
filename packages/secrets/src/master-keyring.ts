import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { inspect } from 'node:util';
import type { StoredKey } from '@providers/store';
import { DATA_KEY_BYTES, isFormat1, unwrapDataKey, wrapDataKey, wrappedBy } from './data-key-wrap.js';
import { InvalidMasterKey, MasterKeyMismatch, MasterKeyUnknown, SecretTampered } from './errors.js';

const MASTER_KEY_BYTES = 32;
const MASTER_KEY_ENV = 'PROVIDERS_MASTER_KEY';
const MASTER_KEY_FILE_ENV = 'PROVIDERS_MASTER_KEY_FILE';
const MASTER_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The environment variables `MasterKeyring.fromEnvironment` reads. */
export type MasterKeyEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The id of a master key: the first 8 hex characters of its SHA-256.
 * Publishing it is safe: SHA-256 is preimage-resistant and the key is 256
 * uniformly random bits, so 32 bits of its hash only let someone confirm a
 * guess of the whole key, and guessing the key is as hard as without the id.
 * Two keys in one keyring colliding is a ~2^-32 event, and is refused anyway.
 */
export const masterKeyIdOf = (key: Uint8Array): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** A fresh master key as one `id:base64` line, for PROVIDERS_MASTER_KEY or a key file. */
export const generateMasterKey = (): string => {
  const key = randomBytes(MASTER_KEY_BYTES);
  return `${masterKeyIdOf(key)}:${key.toString('base64')}`;
};

interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

const parseEntries = (text: string, source: string): MasterKey[] => {
  const entries = text.split(/[,\s]+/).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new InvalidMasterKey(source, 'it holds no key');
  const where = (index: number): string => (entries.length === 1 ? 'the key' : `entry ${index + 1}`);
  const keys = entries.map((entry, index): MasterKey => {
    const colon = entry.indexOf(':');
    const encoded = colon === -1 ? entry : entry.slice(colon + 1);
    if (!BASE64.test(encoded)) throw new InvalidMasterKey(source, `${where(index)} is not base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== MASTER_KEY_BYTES) {
      throw new InvalidMasterKey(source, `${where(index)} is ${key.length} bytes, a master key is ${MASTER_KEY_BYTES}`);
    }
    const id = colon === -1 ? masterKeyIdOf(key) : entry.slice(0, colon);
    if (!MASTER_KEY_ID.test(id)) {
      throw new InvalidMasterKey(source, `the id of ${where(index)} must be 1 to 64 of A-Z a-z 0-9 . _ -`);
    }
    return { id, key };
  });
  keys.forEach(({ id }, index) => {
    const first = keys.findIndex((other) => other.id === id);
    if (first !== index) throw new InvalidMasterKey(source, `entries ${first + 1} and ${index + 1} have the same id`);
  });
  return keys;
};

const readKeyFile = (path: string): string => {
  const source = `${MASTER_KEY_FILE_ENV} (${path})`;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new InvalidMasterKey(source, 'it is not a regular file');
    // As ssh does with private keys: a key others can read (or replace) is not a secret any more.
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw new InvalidMasterKey(source, `permissions ${mode} are too open: the file must not be accessible by group or others (chmod 600 ${path})`);
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InvalidMasterKey) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
    throw new InvalidMasterKey(source, `the file cannot be read (${code})`);
  }
};

/**
 * The master keys: the current one wraps new and rotated data keys; older ones
 * only unwrap, until `SecretSealer.rotate` has re-wrapped everything. The key
 * bytes live in a private field and never leave this class.
 */
export class MasterKeyring {
  readonly #keys: readonly MasterKey[];

  private constructor(keys: readonly MasterKey[]) {
    this.#keys = keys;
  }

  /** Parses `base64` or `id:base64[,id:base64…]` (commas or whitespace between), the first being current. */
  static parse(text: string, source = 'the master key configuration'): MasterKeyring {
    return new MasterKeyring(parseEntries(text, source));
  }

  /** Reads PROVIDERS_MASTER_KEY or PROVIDERS_MASTER_KEY_FILE; `undefined` when neither is set. */
  static fromEnvironment(env: MasterKeyEnvironment = process.env): MasterKeyring | undefined {
    const value = env[MASTER_KEY_ENV] ?? '';
    const file = env[MASTER_KEY_FILE_ENV] ?? '';
    if (value !== '' && file !== '') {
      throw new InvalidMasterKey(`${MASTER_KEY_ENV} and ${MASTER_KEY_FILE_ENV}`, 'both are set: set only one');
    }
    if (value !== '') return MasterKeyring.parse(value, MASTER_KEY_ENV);
    if (file !== '') return MasterKeyring.parse(readKeyFile(file), `${MASTER_KEY_FILE_ENV} (${file})`);
    return undefined;
  }

  /** The id of the key that wraps new data keys. */
  get currentId(): string {
    return this.#current().id;
  }

  /** Every master key id, current first. */
  get ids(): readonly string[] {
    return this.#keys.map(({ id }) => id);
  }

  /** Whether the keyring holds the master key `id`. */
  has(id: string): boolean {
    return this.#keys.some((key) => key.id === id);
  }

  /** Wraps the data key `keyId` with the current master key. */
  wrap(keyId: string, dataKey: Uint8Array): StoredKey {
    const { id, key } = this.#current();
    return { wrapped: wrapDataKey(key, id, keyId, dataKey, randomBytes(12)), masterKeyId: id };
  }

  /**
   * Unwraps the data key `keyId` with whichever master key wrapped it. A
   * fingerprint that is not this keyring's key under that id is
   * `MasterKeyMismatch` before any decryption is tried; a data key from before
   * fingerprints that does not unwrap is `MasterKeyMismatch` too, not certain.
   */
  unwrap(keyId: string, stored: StoredKey): Buffer {
    const master = this.#keys.find(({ id }) => id === stored.masterKeyId);
    if (master === undefined) throw new MasterKeyUnknown(stored.masterKeyId, keyId);
    const fingerprinted = wrappedBy(master.key, stored.wrapped);
    if (fingerprinted === false) throw new MasterKeyMismatch(master.id, keyId);
    const dataKey = unwrapDataKey(master.key, master.id, keyId, stored.wrapped);
    if (dataKey !== undefined && dataKey.length === DATA_KEY_BYTES) return dataKey;
    if (fingerprinted === undefined && isFormat1(stored.wrapped)) throw new MasterKeyMismatch(master.id, keyId, false);
    throw new SecretTampered(keyId, undefined, `it does not unwrap with master key ${master.id}, whose fingerprint it carries: the wrapped key was altered`);
  }

  /**
   * Whether the current master key wrapped this data key stored under the
   * current id: by its fingerprint, or by unwrapping one from before fingerprints.
   */
  isCurrentKeyOf(keyId: string, stored: StoredKey): boolean {
    const { id, key } = this.#current();
    if (stored.masterKeyId !== id) return false;
    return wrappedBy(key, stored.wrapped) ?? unwrapDataKey(key, id, keyId, stored.wrapped) !== undefined;
  }

  /** Whether a data key is wrapped as the current master key wraps now: under its id, with its fingerprint. */
  isWrappedAsCurrent(stored: StoredKey): boolean {
    const { id, key } = this.#current();
    return stored.masterKeyId === id && wrappedBy(key, stored.wrapped) === true;
  }

  /** Only the ids: a keyring serialized by accident must not leak key bytes. */
  toJSON(): { readonly currentId: string; readonly ids: readonly string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [inspect.custom](): string {
    return `MasterKeyring { current: ${this.currentId}, ids: [${this.ids.join(', ')}] }`;
  }

  #current(): MasterKey {
    const [current] = this.#keys;
    // parseEntries refuses an empty keyring, so this only guards the type.
    if (current === undefined) throw new InvalidMasterKey('the keyring', 'it holds no key');
    return current;
  }
}
