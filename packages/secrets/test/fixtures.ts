import { randomBytes } from 'node:crypto';
import type { KeyStore, StoredKey } from '@providers/store';
import { MemoryKeyStore } from '@providers/store';
import { MasterKeyring, masterKeyIdOf } from '../src/index.js';

/** A master key the test knows the bytes of. */
export interface TestMasterKey {
  readonly id: string;
  readonly bytes: Buffer;
  readonly line: string;
}

export const newMasterKey = (id?: string): TestMasterKey => {
  const bytes = randomBytes(32);
  const keyId = id ?? masterKeyIdOf(bytes);
  return { id: keyId, bytes, line: `${keyId}:${bytes.toString('base64')}` };
};

export const keyringOf = (...keys: readonly TestMasterKey[]): MasterKeyring =>
  MasterKeyring.parse(keys.map((key) => key.line).join(','), 'test');

/** The forms in which a value must never show: as is, base64 and hex. */
export const leakedForms = (value: string | Uint8Array): string[] => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  const forms = [bytes.toString('base64'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex')];
  return typeof value === 'string' ? [value, ...forms] : forms;
};

export const containsAny = (text: string, value: string | Uint8Array): boolean =>
  leakedForms(value).some((form) => text.toLowerCase().includes(form.toLowerCase()));

/** A key store that counts reads, to observe the sealer's cache. */
export class CountingKeyStore implements KeyStore {
  readonly inner = new MemoryKeyStore();
  gets = 0;

  async get(keyId: string): Promise<StoredKey | undefined> {
    this.gets += 1;
    return this.inner.get(keyId);
  }
  put(keyId: string, key: StoredKey): Promise<void> {
    return this.inner.put(keyId, key);
  }
  putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey> {
    return this.inner.putIfAbsent(keyId, key);
  }
  delete(keyId: string): Promise<void> {
    return this.inner.delete(keyId);
  }
  list(): Promise<readonly string[]> {
    return this.inner.list();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Resolves to the error a promise rejects with; fails when it resolves. */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

/** The error a function throws; fails when it returns. */
export const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};
