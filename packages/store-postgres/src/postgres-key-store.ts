import type { KeyStore, StoredKey } from '@providers/store';
import { PostgresStore } from './postgres-store.js';

type KeyRow = [wrapped: Buffer, masterKeyId: string];

/**
 * Wrapped data keys in the `data_keys` table of the store's schema. A
 * deleted key is gone for every reader at once; its bytes leave the disk
 * as PostgreSQL reclaims the space (vacuum) and recycles its write-ahead
 * log. What stays there meanwhile is wrapped: useless without the master key.
 */
export class PostgresKeyStore extends PostgresStore implements KeyStore {
  protected readonly kind = 'key store';

  async get(keyId: string): Promise<StoredKey | undefined> {
    const rows = await this.#rows(`read key ${keyId}`, `SELECT wrapped, master_key_id FROM ${this.db.schema}.data_keys WHERE key_id = $1`, [keyId]);
    return rows[0] && toStoredKey(rows[0]);
  }

  async put(keyId: string, key: StoredKey): Promise<void> {
    await this.#rows(
      `store key ${keyId}`,
      `INSERT INTO ${this.db.schema}.data_keys (key_id, wrapped, master_key_id) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO UPDATE SET wrapped = excluded.wrapped, master_key_id = excluded.master_key_id`,
      [keyId, bytesOf(key), key.masterKeyId],
    );
  }

  async putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey> {
    // One statement cannot see a row that a concurrent writer committed after it began, so when
    // the insert yielded to such a row and the read found nothing, a second try reads it.
    for (;;) {
      const rows = await this.#rows(
        `store key ${keyId}`,
        `WITH inserted AS (
           INSERT INTO ${this.db.schema}.data_keys (key_id, wrapped, master_key_id) VALUES ($1, $2, $3)
           ON CONFLICT (key_id) DO NOTHING RETURNING wrapped, master_key_id
         )
         SELECT wrapped, master_key_id FROM inserted
         UNION ALL SELECT wrapped, master_key_id FROM ${this.db.schema}.data_keys WHERE key_id = $1
         LIMIT 1`,
        [keyId, bytesOf(key), key.masterKeyId],
      );
      if (rows[0]) return toStoredKey(rows[0]);
    }
  }

  async delete(keyId: string): Promise<void> {
    await this.#rows(`delete key ${keyId}`, `DELETE FROM ${this.db.schema}.data_keys WHERE key_id = $1`, [keyId]);
  }

  async list(): Promise<readonly string[]> {
    this.assertOpen('list keys');
    const rows = await this.db.rows<[string]>('list keys', `SELECT key_id FROM ${this.db.schema}.data_keys ORDER BY key_id`);
    return rows.map(([keyId]) => keyId);
  }

  #rows(action: string, sql: string, values: readonly unknown[]): Promise<KeyRow[]> {
    this.assertOpen(action);
    return this.db.rows<KeyRow>(action, sql, values);
  }
}

/** A copy that owns its memory: a Buffer may be a view into a shared pool. */
const toStoredKey = ([wrapped, masterKeyId]: KeyRow): StoredKey => ({ wrapped: new Uint8Array(wrapped), masterKeyId });
const bytesOf = (key: StoredKey): Buffer => Buffer.from(key.wrapped.buffer, key.wrapped.byteOffset, key.wrapped.byteLength);
