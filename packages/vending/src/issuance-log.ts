// The issuance log: records are appended durably before vending returns credentials. Concurrent
// vends are group-committed: records arriving while an append is under way wait and go together
// in the next one (one append in flight per org), so a burst of deployments costs a few appends,
// not one each, and no record waits for more than one append ahead of it.
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@providers/store';
import { CREDENTIALS_ISSUED, issuanceEventBody, issuanceOf, issuanceStream, type Issuance } from './issuance.js';

/** Where vending puts its issuance records. */
export interface IssuanceRecorder {
  /** Resolves once the record is durably appended; rejects when it could not be. */
  record(issuance: Issuance): Promise<void>;
}

/** The issuance log on an event store. */
export interface IssuanceLog extends IssuanceRecorder {
  /** Every record of one org, oldest first, with its position. */
  read(orgId: string): Promise<ReadonlyArray<Issuance & { readonly position: bigint }>>;
}

// Well under EventStoreDB's 1 MiB append limit at a few hundred bytes a record.
const MAX_BATCH = 500;

interface Waiting {
  readonly event: NewEvent;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** An issuance log appending to `store`. */
export const createIssuanceLog = (store: EventStore): IssuanceLog => {
  const queues = new Map<string, Waiting[]>();

  const flush = async (stream: string, queue: Waiting[]): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await store.append(
          stream,
          batch.map((waiting) => waiting.event),
          'any',
        );
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    queues.delete(stream);
  };

  const record = (issuance: Issuance): Promise<void> =>
    new Promise((resolve, reject) => {
      const stream = issuanceStream(issuance.orgId);
      const event: NewEvent = { eventId: randomUUID(), type: CREDENTIALS_ISSUED, ...issuanceEventBody(issuance) };
      const queue = queues.get(stream);
      if (queue !== undefined) return void queue.push({ event, resolve, reject });
      const started: Waiting[] = [{ event, resolve, reject }];
      queues.set(stream, started);
      // Started on a later turn, so that the vends of the same burst join the first append.
      setImmediate(() => void flush(stream, started));
    });

  const read = async (orgId: string) => {
    const records: Array<Issuance & { position: bigint }> = [];
    for await (const page of store.readStream(issuanceStream(orgId))) {
      for (const event of page) records.push({ ...issuanceOf(event), position: event.position });
    }
    return records;
  };

  return { record, read };
};
