/**
 * The key-store port over EventStoreDB: each data key in its own stream,
 * `providers-key-<keyId>`, whose last event is the current key. Deleting a
 * key soft-deletes its stream: reads no longer see it at once, and the next
 * scavenge of the database removes its events from disk. The streams share
 * the database with the event log, whose reads leave them out.
 *
 * `putIfAbsent` appends expecting no stream. A soft-deleted stream still has
 * its `$tb` metadata (and, until a scavenge, its events), which is how a
 * deleted key id is told from a new one: `putIfAbsent` refuses it with
 * `KeyDeleted` rather than bring a shredded provider's key id back to life.
 */
import { ANY, BACKWARDS, END, NO_STREAM, WrongExpectedVersionError, type AppendExpectedRevision, type ResolvedEvent } from '@eventstore/db-client';
import { KeyDeleted, StoreFailure, type KeyStore, type StoredKey } from '@providers/store';
import { randomUUID } from 'node:crypto';
import { isStreamNotFound, toStoreError } from './esdb-errors.js';
import { EsdbStore } from './esdb-store.js';
import { withRetry } from './retry.js';
import { KEY_STREAM_PREFIX, keyStream } from './stream-names.js';

const KEY_STORED = 'DataKeyStored';

/** Data keys in EventStoreDB streams, one stream per key. */
export class EsdbKeyStore extends EsdbStore implements KeyStore {
  protected readonly kind = 'key store';

  async get(keyId: string): Promise<StoredKey | undefined> {
    this.assertOpen();
    const last = await this.#lastEvent(keyId);
    return last && decodeKey(keyId, last);
  }

  async put(keyId: string, key: StoredKey): Promise<void> {
    this.assertOpen();
    await this.#append(keyId, key, ANY);
  }

  async putIfAbsent(keyId: string, key: StoredKey): Promise<StoredKey> {
    this.assertOpen();
    const existing = await this.#lastEvent(keyId);
    if (existing) return decodeKey(keyId, existing);
    if (await this.#wasDeleted(keyId)) throw new KeyDeleted(keyId);
    let revision: bigint;
    try {
      revision = await this.#append(keyId, key, NO_STREAM);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw toStoreError(error, `store data key ${keyId}`);
      // Another writer created the key first, or the stream is soft-deleted (then it reads as missing).
      const winner = await this.#lastEvent(keyId);
      if (!winner) throw new KeyDeleted(keyId);
      return decodeKey(keyId, winner);
    }
    // A soft-deleted stream may accept an append expecting no stream; its numbering then goes
    // on from the deleted events. The key was deleted after the check above: delete it again.
    if (revision !== 0n) {
      await this.#deleteStream(keyId, revision);
      throw new KeyDeleted(keyId);
    }
    return { wrapped: new Uint8Array(key.wrapped), masterKeyId: key.masterKeyId };
  }

  async delete(keyId: string): Promise<void> {
    this.assertOpen();
    if (!(await this.#lastEvent(keyId))) return;
    await this.#deleteStream(keyId, ANY);
  }

  async list(): Promise<readonly string[]> {
    this.assertOpen();
    // Deleted keys' events stay in $all until a scavenge, so every stream seen there is checked.
    const seen = new Set<string>();
    for await (const events of this.reader.allForwards(0n)) {
      for (const { event } of events) {
        if (event?.type === KEY_STORED && event.streamId.startsWith(KEY_STREAM_PREFIX)) seen.add(event.streamId.slice(KEY_STREAM_PREFIX.length));
      }
    }
    const present: string[] = [];
    for (const keyId of [...seen].sort()) if (await this.#lastEvent(keyId)) present.push(keyId);
    return present;
  }

  async #lastEvent(keyId: string): Promise<ResolvedEvent | undefined> {
    try {
      const events = await this.reader.streamPage(keyStream(keyId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      return events[0];
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw toStoreError(error, `read data key ${keyId}`);
    }
  }

  /** Appends the key to its stream and returns the revision of that event; WrongExpectedVersionError passes through. */
  async #append(keyId: string, key: StoredKey, expectedRevision: AppendExpectedRevision): Promise<bigint> {
    // One id for every attempt, so that a retry of an append that did land is recognised as the same.
    const id = randomUUID();
    const data = { masterKeyId: key.masterKeyId, wrapped: Buffer.from(key.wrapped).toString('base64') };
    try {
      const result = await withRetry(this.reader.retry, () =>
        this.reader.client.appendToStream(keyStream(keyId), { id, contentType: 'application/json', type: KEY_STORED, data, metadata: undefined }, { expectedRevision }),
      );
      return result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw error;
      throw toStoreError(error, `store data key ${keyId}`);
    }
  }

  async #deleteStream(keyId: string, expectedRevision: bigint | typeof ANY): Promise<void> {
    try {
      await withRetry(this.reader.retry, () => this.reader.client.deleteStream(keyStream(keyId), { expectedRevision }));
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toStoreError(error, `delete data key ${keyId}`);
    }
  }

  /** Whether the key's stream was soft-deleted: its metadata keeps the truncation mark. */
  async #wasDeleted(keyId: string): Promise<boolean> {
    try {
      const { metadata } = await withRetry(this.reader.retry, () => this.reader.client.getStreamMetadata(keyStream(keyId)));
      return metadata?.truncateBefore !== undefined;
    } catch (error) {
      throw toStoreError(error, `read the metadata of data key ${keyId}`);
    }
  }
}

const decodeKey = (keyId: string, resolved: ResolvedEvent): StoredKey => {
  const data = resolved.event?.data as { masterKeyId?: unknown; wrapped?: unknown } | undefined;
  if (resolved.event?.type !== KEY_STORED || typeof data?.masterKeyId !== 'string' || typeof data.wrapped !== 'string') {
    throw new StoreFailure(`the stored record of data key ${keyId} is not a ${KEY_STORED} event`);
  }
  return { masterKeyId: data.masterKeyId, wrapped: new Uint8Array(Buffer.from(data.wrapped, 'base64')) };
};
