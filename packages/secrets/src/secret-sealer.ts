import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyDeleted, type KeyStore, type StoredKey } from '@providers/store';
import { DataKeyCache } from './data-key-cache.js';
import { DATA_KEY_BYTES } from './data-key-wrap.js';
import { MasterKeyMissing, SecretShredded, SecretTampered } from './errors.js';
import { checkCurrentBinding } from './master-key-binding.js';
import type { MasterKeyring } from './master-keyring.js';
import type { PendingSeal } from './pending-seal.js';
import { additionalData, checkAddress, sealInput } from './seal-input.js';
import type { Redactor } from './redact.js';
import { unopenedReason, type RotationReport, type UnopenedDataKey } from './rotation-report.js';
import { IV_BYTES, TAG_BYTES, decodeSealed } from './sealed-parts.js';
import { SEALED_SECRET_ALGORITHM, type SealedSecret } from './sealed-secret.js';

const DEFAULT_CACHE_SIZE = 1000;

/** What a `SecretSealer` works with. */
export interface SecretSealerOptions {
  /** Where the wrapped data keys live. */
  readonly keys: KeyStore;
  /** `undefined` when none is configured: sealing, opening and rotating then throw `MasterKeyMissing`. */
  readonly masterKeys?: MasterKeyring | undefined;
  /** Learns every value sealed or opened, so that output edges can redact it. */
  readonly redactor?: Redactor | undefined;
  /** How many unwrapped data keys to keep in memory (default 1000). */
  readonly cacheSize?: number | undefined;
}

/**
 * Seals secret values with envelope encryption: one random data key per key id
 * (one per provider), kept in the key store wrapped by the master key, so that
 * shredding the data key forgets every secret sealed with it while the events
 * that carry the ciphertext stay immutable.
 */
export class SecretSealer {
  readonly #keys: KeyStore;
  readonly #masterKeys: MasterKeyring | undefined;
  readonly #redactor: Redactor | undefined;
  readonly #cache: DataKeyCache;
  // Operations on one key id's stored key run one at a time: two first seals must not
  // create two data keys (the loser's ciphertext would never open), and a load must not
  // re-cache a key that a shred has just deleted.
  readonly #queues = new Map<string, Promise<void>>();
  // Proven once per sealer: the current master key's id names this key in the key store.
  #binding: Promise<void> | undefined;

  constructor(options: SecretSealerOptions) {
    this.#keys = options.keys;
    this.#masterKeys = options.masterKeys;
    this.#redactor = options.redactor;
    this.#cache = new DataKeyCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  /** Encrypts `plaintext` under the data key `keyId` (created on first use), bound to `keyId` and `field`. */
  async seal(keyId: string, field: string, plaintext: string): Promise<SealedSecret> {
    checkAddress('keyId', keyId);
    const bytes = sealInput(field, plaintext);
    const dataKey = await this.#dataKey(keyId, this.#requireMasterKeys(), 'create');
    return this.#encrypt(dataKey, keyId, field, bytes, plaintext);
  }

  /**
   * Seals under `keyId` without storing a new data key yet: the key id's
   * stored key when it has one, else a new key kept in memory until `keep()`
   * stores it. A command whose secrets are sealed this way and that a rule
   * rejects leaves no data key behind.
   */
  async begin(keyId: string): Promise<PendingSeal> {
    checkAddress('keyId', keyId);
    const masterKeys = this.#requireMasterKeys();
    const existing =
      this.#cache.get(keyId) ??
      (await this.#serialized(keyId, async () => {
        const stored = await this.#keys.get(keyId);
        return stored === undefined ? undefined : masterKeys.unwrap(keyId, stored);
      }));
    const dataKey = existing ?? randomBytes(DATA_KEY_BYTES);
    let stored = existing !== undefined;
    let created = false;
    return {
      seal: (field, plaintext) => this.#encrypt(dataKey, keyId, field, sealInput(field, plaintext), plaintext),
      keep: async () => {
        if (stored) return true;
        const wrapped = masterKeys.wrap(keyId, dataKey);
        const kept = await this.#serialized(keyId, () => this.#createDataKey(keyId, wrapped, masterKeys));
        // Another writer stored a different key first: what was sealed here would never open.
        if (!Buffer.from(kept.wrapped).equals(Buffer.from(wrapped.wrapped))) return false;
        this.#cache.set(keyId, dataKey);
        stored = created = true;
        return true;
      },
      discard: async () => {
        if (created) await this.shred(keyId);
        stored = created = false;
      },
    };
  }

  #encrypt(dataKey: Buffer, keyId: string, field: string, bytes: Buffer, plaintext: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(keyId, field));
    const ct = Buffer.concat([cipher.update(bytes), cipher.final()]);
    this.#redactor?.add(plaintext);
    return {
      alg: SEALED_SECRET_ALGORITHM,
      keyId,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /** Decrypts a sealed secret that was sealed for `field`. */
  async unseal(sealed: SealedSecret, field: string): Promise<string> {
    const masterKeys = this.#requireMasterKeys();
    const { iv, ct, tag } = decodeSealed(sealed, field);
    const dataKey = await this.#dataKey(sealed.keyId, masterKeys, 'open');
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(sealed.keyId, field));
    decipher.setAuthTag(tag);
    let plaintext: string;
    try {
      plaintext = Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretTampered(
        sealed.keyId,
        field,
        'authentication failed: the ciphertext, IV or tag was altered, it was sealed for another key id or field, ' +
          'or its data key was shredded and created anew since',
      );
    }
    this.#redactor?.add(plaintext);
    return plaintext;
  }

  /** Deletes the data key `keyId` for good: every secret sealed with it becomes `SecretShredded`. */
  async shred(keyId: string): Promise<void> {
    this.#cache.delete(keyId);
    await this.#serialized(keyId, async () => {
      this.#cache.delete(keyId);
      await this.#keys.delete(keyId);
    });
  }

  /**
   * Re-wraps every data key not wrapped as the current master key wraps (an
   * older key, or the format before fingerprints); the events are untouched.
   * A data key that does not open is left as it was and reported, and the
   * rest are still re-wrapped.
   */
  async rotate(): Promise<RotationReport> {
    const masterKeys = this.#requireMasterKeys();
    await this.#checkBinding(masterKeys);
    let rewrapped = 0;
    const unopened: UnopenedDataKey[] = [];
    for (const keyId of await this.#keys.list()) {
      await this.#serialized(keyId, async () => {
        const stored = await this.#keys.get(keyId);
        if (stored === undefined || masterKeys.isWrappedAsCurrent(stored)) return;
        let dataKey: Buffer;
        try {
          dataKey = masterKeys.unwrap(keyId, stored);
        } catch (error) {
          const reason = unopenedReason(error, stored.masterKeyId);
          if (reason === undefined) throw error;
          unopened.push({ keyId, masterKeyId: stored.masterKeyId, reason });
          return;
        }
        await this.#keys.put(keyId, masterKeys.wrap(keyId, dataKey));
        rewrapped += 1;
      });
    }
    return { rewrapped, unopened };
  }

  /** Whether the key store holds the data key `keyId` (false once shredded). */
  async hasKey(keyId: string): Promise<boolean> {
    return (await this.#keys.get(keyId)) !== undefined;
  }

  #requireMasterKeys(): MasterKeyring {
    if (this.#masterKeys === undefined) throw new MasterKeyMissing();
    return this.#masterKeys;
  }

  async #dataKey(keyId: string, masterKeys: MasterKeyring, mode: 'create' | 'open'): Promise<Buffer> {
    const cached = this.#cache.get(keyId);
    if (cached !== undefined) return cached;
    return this.#serialized(keyId, async () => {
      const loaded = this.#cache.get(keyId);
      if (loaded !== undefined) return loaded;
      let stored = await this.#keys.get(keyId);
      if (stored === undefined) {
        if (mode === 'open') throw new SecretShredded(keyId);
        stored = await this.#createDataKey(keyId, masterKeys.wrap(keyId, randomBytes(DATA_KEY_BYTES)), masterKeys);
      }
      const dataKey = masterKeys.unwrap(keyId, stored);
      this.#cache.set(keyId, dataKey);
      return dataKey;
    });
  }

  // Another process may create the same key id at the same moment: the store keeps one of
  // the two keys and both processes seal with that one.
  async #createDataKey(keyId: string, wrapped: StoredKey, masterKeys: MasterKeyring): Promise<StoredKey> {
    await this.#checkBinding(masterKeys);
    try {
      return await this.#keys.putIfAbsent(keyId, wrapped);
    } catch (error) {
      if (error instanceof KeyDeleted) throw new SecretShredded(keyId);
      throw error;
    }
  }

  #checkBinding(masterKeys: MasterKeyring): Promise<void> {
    this.#binding ??= checkCurrentBinding(this.#keys, masterKeys).catch((error: unknown) => {
      // A refusal is not remembered: the key store may be put right while this sealer lives.
      this.#binding = undefined;
      throw error;
    });
    return this.#binding;
  }

  #serialized<T>(keyId: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(keyId) ?? Promise.resolve();
    const result = previous.then(operation);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(keyId, settled);
    void settled.then(() => {
      if (this.#queues.get(keyId) === settled) this.#queues.delete(keyId);
    });
    return result;
  }
}
