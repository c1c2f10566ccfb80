/**
 * The snapshot port over EventStoreDB: each name's snapshots in one stream,
 * `providers-snapshot-<name>`, hidden from the log. A snapshot is one or more
 * binary chunk events (EventStoreDB refuses events and appends over about
 * 1 MiB, and a large org's state is megabytes), each carrying the snapshot's
 * description; a snapshot reads back only when all its chunks are there, so a
 * writer that died half-way leaves nothing readable. After a save the stream
 * is truncated (`$tb`) below the oldest snapshot kept, and the server's
 * scavenge removes the rest. Checkpoints are the last event of
 * `providers-checkpoint-<name>`, a stream that keeps one event (`$maxCount`).
 */
import { BACKWARDS, END, binaryEvent, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { SNAPSHOTS_KEPT, StoreFailure, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from '@providers/store';
import { randomUUID } from 'node:crypto';
import { isStreamNotFound, toStoreError } from './esdb-errors.js';
import { EsdbStore } from './esdb-store.js';
import { withRetry } from './retry.js';
import { checkpointStream, snapshotStream } from './stream-names.js';

const CHUNK = 'SnapshotChunk';
const CHECKPOINT = 'CheckpointSaved';
/** Text per chunk: well under the server's 1 MiB limit even when every character takes 3 bytes. */
const CHUNK_CHARACTERS = 256 * 1024;

/** What every chunk says of its snapshot. */
interface ChunkHeader {
  readonly snapshotId: string;
  readonly chunk: number;
  readonly chunks: number;
  readonly position: string;
  readonly revision: string;
  readonly eventId: string;
  readonly eventTime: string;
  readonly schemaVersion: number;
  readonly foldVersion: number;
}

/** A snapshot as found in its stream: its description, where its first chunk is, and its chunks. */
interface Found {
  readonly info: SnapshotInfo;
  readonly firstRevision: bigint;
  readonly chunks: Map<number, string>;
  readonly count: number;
}

/** Snapshots and checkpoints in EventStoreDB streams beside the log. */
export class EsdbSnapshotStore extends EsdbStore implements SnapshotStore {
  protected readonly kind = 'snapshot store';

  async save(snapshot: Snapshot): Promise<void> {
    this.assertOpen();
    const kept = await this.#complete(snapshot.name, undefined);
    // Older than every snapshot kept: it would be dropped at once, so it is not written.
    if (kept.length >= SNAPSHOTS_KEPT && snapshot.position < kept[kept.length - SNAPSHOTS_KEPT]!.info.position) return;
    const stream = snapshotStream(snapshot.name);
    const snapshotId = randomUUID();
    const chunks = Math.max(1, Math.ceil(snapshot.data.length / CHUNK_CHARACTERS));
    for (let chunk = 0; chunk < chunks; chunk++) {
      const header: ChunkHeader = {
        snapshotId,
        chunk,
        chunks,
        position: String(snapshot.position),
        revision: String(snapshot.revision),
        eventId: snapshot.eventId,
        eventTime: snapshot.eventTime,
        schemaVersion: snapshot.schemaVersion,
        foldVersion: snapshot.foldVersion,
      };
      const text = snapshot.data.slice(chunk * CHUNK_CHARACTERS, (chunk + 1) * CHUNK_CHARACTERS);
      const event = binaryEvent({ id: randomUUID(), type: CHUNK, data: Buffer.from(text, 'utf8'), metadata: Buffer.from(JSON.stringify(header), 'utf8') });
      await this.#write(`save the snapshot of ${snapshot.name}`, () => this.reader.client.appendToStream(stream, event));
    }
    const after = await this.#complete(snapshot.name, undefined);
    const oldestKept = after.slice(-SNAPSHOTS_KEPT).reduce<bigint | undefined>((lowest, found) => (lowest === undefined || found.firstRevision < lowest ? found.firstRevision : lowest), undefined);
    if (oldestKept !== undefined && oldestKept > 0n) {
      await this.#write(`trim the snapshots of ${snapshot.name}`, () => this.reader.client.setStreamMetadata(stream, { truncateBefore: Number(oldestKept) }));
    }
  }

  async load(name: string, options: LoadSnapshotOptions = {}): Promise<Snapshot | undefined> {
    this.assertOpen();
    const fitting = (await this.#complete(name, options.atOrBefore)).slice(-SNAPSHOTS_KEPT);
    const newest = fitting[fitting.length - 1];
    if (!newest) return undefined;
    const data = Array.from({ length: newest.count }, (_, i) => newest.chunks.get(i)!).join('');
    return { ...newest.info, data };
  }

  async list(name: string): Promise<readonly SnapshotInfo[]> {
    this.assertOpen();
    return (await this.#complete(name, undefined)).slice(-SNAPSHOTS_KEPT).map((found) => found.info);
  }

  async loadCheckpoint(name: string): Promise<bigint | undefined> {
    this.assertOpen();
    const [last] = await this.#read(checkpointStream(name), `read the checkpoint of ${name}`, 1);
    if (!last) return undefined;
    const position = (last.event?.data as { position?: unknown } | undefined)?.position;
    if (last.event?.type !== CHECKPOINT || typeof position !== 'string' || !/^\d{1,20}$/.test(position)) {
      throw new StoreFailure(`the checkpoint of ${name} is not a ${CHECKPOINT} event with a position`);
    }
    return BigInt(position);
  }

  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    this.assertOpen();
    const stream = checkpointStream(name);
    const event = jsonEvent({ id: randomUUID(), type: CHECKPOINT, data: { position: String(position) } });
    const result = await this.#write(`save the checkpoint of ${name}`, () => this.reader.client.appendToStream(stream, event));
    if (result.nextExpectedRevision === 0n) await this.#write(`limit the checkpoints of ${name}`, () => this.reader.client.setStreamMetadata(stream, { maxCount: 1 }));
  }

  /** The complete snapshots of `name` at or before a position, oldest first, one per position (the last saved). */
  async #complete(name: string, atOrBefore: bigint | undefined): Promise<Found[]> {
    const found = new Map<string, Found>();
    for (const resolved of await this.#read(snapshotStream(name), `read the snapshots of ${name}`)) {
      const event = resolved.event;
      if (event?.type !== CHUNK || !(event.data instanceof Uint8Array)) continue;
      const header = chunkHeader(event.metadata);
      if (!header) continue;
      const position = BigInt(header.position);
      if (atOrBefore !== undefined && position > atOrBefore) continue;
      let snapshot = found.get(header.snapshotId);
      if (!snapshot) {
        const info: SnapshotInfo = {
          name,
          position,
          revision: BigInt(header.revision),
          eventId: header.eventId,
          eventTime: header.eventTime,
          schemaVersion: header.schemaVersion,
          foldVersion: header.foldVersion,
        };
        found.set(header.snapshotId, (snapshot = { info, firstRevision: event.revision, chunks: new Map(), count: header.chunks }));
      }
      snapshot.chunks.set(header.chunk, Buffer.from(event.data).toString('utf8'));
      if (header.chunk === 0) (snapshot as { firstRevision: bigint }).firstRevision = event.revision;
    }
    // Read newest first: the first complete snapshot seen at a position is the one saved last there.
    const byPosition = new Map<bigint, Found>();
    for (const snapshot of found.values()) {
      if (snapshot.chunks.size === snapshot.count && !byPosition.has(snapshot.info.position)) byPosition.set(snapshot.info.position, snapshot);
    }
    return [...byPosition.values()].sort((a, b) => (a.info.position < b.info.position ? -1 : a.info.position > b.info.position ? 1 : 0));
  }

  /** The stream's events newest first (at most `limit`), nothing for a missing stream. */
  async #read(stream: string, operation: string, limit?: number): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    let from: bigint | typeof END = END;
    try {
      for (;;) {
        const page = await this.reader.streamPage(stream, { direction: BACKWARDS, fromRevision: from, maxCount: limit ?? 100 });
        events.push(...page);
        const last = page[page.length - 1]?.event?.revision;
        if (limit !== undefined || page.length < 100 || last === undefined || last === 0n) return events;
        from = last - 1n;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return events;
      throw toStoreError(error, operation);
    }
  }

  async #write<T>(operation: string, write: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(this.reader.retry, write);
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }
}

/**
 * A chunk's header, or undefined when its metadata is not one (such an event
 * is no part of a snapshot). The client hands metadata over parsed when it is
 * JSON, as bytes otherwise.
 */
const chunkHeader = (metadata: unknown): ChunkHeader | undefined => {
  try {
    const header = (metadata instanceof Uint8Array ? JSON.parse(Buffer.from(metadata).toString('utf8')) : metadata) as Partial<ChunkHeader>;
    if (typeof header !== 'object' || header === null) return undefined;
    const fine =
      typeof header.snapshotId === 'string' &&
      Number.isSafeInteger(header.chunk) &&
      Number.isSafeInteger(header.chunks) &&
      typeof header.position === 'string' &&
      /^\d{1,20}$/.test(header.position) &&
      typeof header.revision === 'string' &&
      /^\d{1,20}$/.test(header.revision) &&
      typeof header.eventId === 'string' &&
      typeof header.eventTime === 'string' &&
      typeof header.schemaVersion === 'number' &&
      typeof header.foldVersion === 'number';
    return fine ? (header as ChunkHeader) : undefined;
  } catch {
    return undefined;
  }
};
