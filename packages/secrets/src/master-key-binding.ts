import type { KeyStore } from '@providers/store';
import { MasterKeyMismatch } from './errors.js';
import type { MasterKeyring } from './master-keyring.js';

/**
 * Checks, before the current master key wraps anything, that its id is not
 * already naming another key in this key store: a data key under the current
 * id that the current key wrapped proves the binding; one that it did not,
 * with none that it did, refuses it. An id no data key uses yet is free.
 * (Without this, `prod:<keyA>` and then `prod:<keyB>` would each wrap data
 * keys under `prod`, and no keyring could open both.)
 */
export const checkCurrentBinding = async (keys: KeyStore, masterKeys: MasterKeyring): Promise<void> => {
  let wrappedByAnother: string | undefined;
  for (const keyId of await keys.list()) {
    const stored = await keys.get(keyId);
    if (stored === undefined || stored.masterKeyId !== masterKeys.currentId) continue;
    if (masterKeys.isCurrentKeyOf(keyId, stored)) return;
    wrappedByAnother ??= keyId;
  }
  if (wrappedByAnother !== undefined) throw new MasterKeyMismatch(masterKeys.currentId, wrappedByAnother);
};
