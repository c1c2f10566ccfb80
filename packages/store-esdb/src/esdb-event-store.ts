/** The event-store port over EventStoreDB / KurrentDB, through `@eventstore/db-client`. */
import { WrongExpectedVersionError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import {
  EventStoreAdapter,
  StoreFailure,
  WrongExpectedRevision,
  assertAppendable,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeAllOptions,
  type Subscription,
} from '@providers/store';
import { connectClient } from './connect-client.js';
import { isStreamNotFound, toStoreError } from './esdb-errors.js';
import { esdbReader, type EsdbReader, type EsdbStoreOptions } from './esdb-reader.js';
import { esdbSubscription } from './esdb-subscription.js';
import { filterMatcher, isHidden, positionOf, toEventData, toRecordedEvent } from './recorded-event.js';
import { withRetry } from './retry.js';
import { esdbRevisionAfter, fromEsdbCurrentRevision, fromEsdbRevision, toEsdbExpectedRevision } from './revisions.js';
import { isReservedStream } from './stream-names.js';
import { truncateStream, truncatedEventsFilter } from './stream-truncation.js';

/**
 * Streams are EventStoreDB streams; the global order is `$all` without its
 * system events and without the key store's streams. Event ids are the
 * writers' UUIDs, so the server recognises a retried append and it succeeds
 * once. Transient failures are retried with bounded backoff; a conflict
 * never is.
 */
export class EsdbEventStore extends EventStoreAdapter {
  readonly #reader: EsdbReader;

  /** A store over the server(s) of `connectionString`, e.g. `esdb://127.0.0.1:2113?tls=false`. */
  static connect(connectionString: string, options: EsdbStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(connectClient(connectionString), options);
  }

  /** A store over a client the caller made; `close()` disposes of it. */
  constructor(client: EventStoreDBClient, options: EsdbStoreOptions = {}) {
    super();
    this.#reader = esdbReader(client, options);
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(stream, events);
    if (isReservedStream(stream)) {
      throw new StoreFailure(`cannot append to ${stream}: names starting with '$' belong to EventStoreDB, and 'providers-key-', 'providers-snapshot-' and 'providers-checkpoint-' to the key and snapshot stores`);
    }
    const expected = toEsdbExpectedRevision(stream, expectedRevision);
    const data = events.map((event) => toEventData(stream, event));
    try {
      const result = await withRetry(this.#reader.retry, () => this.#reader.client.appendToStream(stream, data, { expectedRevision: expected }));
      if (!result.position) throw new StoreFailure(`EventStoreDB appended to ${stream} but did not report a position`);
      return { revision: fromEsdbRevision(result.nextExpectedRevision), position: result.position.commit };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevision(stream, expectedRevision, fromEsdbCurrentRevision(error.actualVersion));
      }
      throw toStoreError(error, `append to ${stream}`);
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    const pageSize = this.#reader.pageSize;
    let next = esdbRevisionAfter(options.after);
    for (;;) {
      let events: ResolvedEvent[];
      try {
        events = await this.#reader.streamPage(stream, { fromRevision: next, maxCount: pageSize });
      } catch (error) {
        if (isStreamNotFound(error)) return;
        throw toStoreError(error, `read stream ${stream}`);
      }
      const page = events.filter((resolved) => resolved.event !== undefined).map(toRecordedEvent);
      if (page.length > 0) yield page;
      const last = events[events.length - 1]?.event;
      if (events.length < pageSize || !last) return;
      next = last.revision + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    this.assertOpen();
    const matches = filterMatcher(options.filter);
    const untruncated = truncatedEventsFilter(this.#reader);
    for await (const events of this.#reader.allForwards(options.after ?? 0n, options.upTo)) {
      const matching = events.filter((resolved) => !isHidden(resolved) && matches(resolved.event!.streamId, resolved.event!.type));
      const page = await untruncated(matching.map(toRecordedEvent));
      if (page.length > 0) yield page;
    }
  }

  protected follow(options: SubscribeAllOptions, forget: () => void): Subscription {
    const { client, retry } = this.#reader;
    return esdbSubscription({ client, headPosition: () => this.headPosition(), readAll: (read) => this.readAll(read), retry }, options, forget);
  }

  protected async truncate(stream: string, revision: bigint): Promise<void> {
    await truncateStream(this.#reader, stream, revision);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    for await (const events of this.#reader.allBackwards()) {
      const last = events.find((resolved) => !isHidden(resolved));
      if (last) return positionOf(last) ?? 0n;
    }
    return 0n;
  }

  protected closedMessage(): string {
    return 'the EventStoreDB event store is closed';
  }

  protected release(): Promise<void> {
    return this.#reader.client.dispose();
  }
}
