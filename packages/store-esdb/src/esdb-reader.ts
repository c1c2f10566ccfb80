/**
 * Paged reads through the client, each page one call retried on transient
 * failures, shared by the event store and the key store.
 */
import { BACKWARDS, END, type AllStreamResolvedEvent, type EventStoreDBClient, type ReadPosition, type ResolvedEvent } from '@eventstore/db-client';
import { toStoreError } from './esdb-errors.js';
import { positionOf } from './recorded-event.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';
import { esdbPosition, toEsdbPosition } from './revisions.js';

/** Options of the EventStoreDB stores. */
export interface EsdbStoreOptions {
  /** Events fetched per read call, and the most in one page. Default 500. */
  readonly pageSize?: number;
  /** Retries of transient failures (unavailable, deadline exceeded). Default: 4 attempts within about a second. */
  readonly retry?: Partial<RetryPolicy>;
}

/** The reader behind a store made with `options`. */
export const esdbReader = (client: EventStoreDBClient, options: EsdbStoreOptions): EsdbReader =>
  new EsdbReader(client, Math.max(1, Math.floor(options.pageSize ?? 500)), { ...DEFAULT_RETRY_POLICY, ...options.retry });

/** Reads of one client, in pages of `pageSize`. */
export class EsdbReader {
  constructor(
    readonly client: EventStoreDBClient,
    readonly pageSize: number,
    readonly retry: RetryPolicy,
  ) {}

  /**
   * Every event of `$all` (system events included) after `after` and up to
   * `upTo`, in pages. `StoreError`s only.
   */
  async *allForwards(after: bigint, upTo?: bigint): AsyncIterable<readonly AllStreamResolvedEvent[]> {
    let cursor = after > 0n ? after : 0n;
    for (;;) {
      // A forward read of $all includes the event at its starting position: ask for one more and drop it.
      const count = cursor > 0n ? this.pageSize + 1 : this.pageSize;
      const events = await this.allPage(toEsdbPosition(cursor), count, 'read $all');
      const page: AllStreamResolvedEvent[] = [];
      let ended = events.length < count;
      for (const resolved of events) {
        const position = positionOf(resolved);
        if (position === undefined || position <= cursor) continue;
        if (upTo !== undefined && position > upTo) {
          ended = true;
          break;
        }
        cursor = position;
        page.push(resolved);
      }
      if (page.length > 0) yield page;
      if (ended) return;
    }
  }

  /** Events of `$all` from the end backwards, newest first, in pages (the caller stops when it has seen enough). `StoreError`s only. */
  async *allBackwards(): AsyncIterable<readonly AllStreamResolvedEvent[]> {
    let from: ReadPosition = END;
    for (;;) {
      const events = await this.allPage(from, this.pageSize, 'read $all backwards', BACKWARDS);
      if (events.length > 0) yield events;
      const last = events.length === this.pageSize ? positionOf(events[events.length - 1]!) : undefined;
      if (last === undefined) return;
      // A backward read starts before the given position, so the next page follows on from this one.
      from = esdbPosition(last);
    }
  }

  /** One page of one stream from EventStoreDB event number `from`; the client's errors as they are. */
  streamPage(stream: string, options: { fromRevision: bigint | typeof END; maxCount: number; direction?: typeof BACKWARDS }): Promise<ResolvedEvent[]> {
    return this.#collect(() => this.client.readStream(stream, options));
  }

  /** One page of `$all` from `from`, as `StoreError`s when it fails; `operation` names it in messages. */
  async allPage(from: ReadPosition, maxCount: number, operation: string, direction?: typeof BACKWARDS): Promise<AllStreamResolvedEvent[]> {
    try {
      return await this.#collect(() => this.client.readAll({ fromPosition: from, maxCount, ...(direction ? { direction } : {}) }));
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }

  #collect<E>(open: () => AsyncIterable<E>): Promise<E[]> {
    return withRetry(this.retry, async () => {
      const events: E[] = [];
      for await (const event of open()) events.push(event);
      return events;
    });
  }
}
