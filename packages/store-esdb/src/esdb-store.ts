import type { EventStoreDBClient } from '@eventstore/db-client';
import { ClosableStore } from '@providers/store';
import { connectClient } from './connect-client.js';
import { esdbReader, type EsdbReader, type EsdbStoreOptions } from './esdb-reader.js';

/** What the EventStoreDB key and snapshot stores share: a client of their own behind a reader, disposed of when the store closes. */
export abstract class EsdbStore extends ClosableStore {
  protected readonly reader: EsdbReader;

  /** What the store is, as the message of a call refused after closing names it (`key store`). */
  protected abstract readonly kind: string;

  /** A store over the server(s) of `connectionString`, e.g. `esdb://127.0.0.1:2113?tls=false`. */
  static connect<S>(this: new (client: EventStoreDBClient, options?: EsdbStoreOptions) => S, connectionString: string, options: EsdbStoreOptions = {}): S {
    return new this(connectClient(connectionString), options);
  }

  /** A store over a client the caller made; `close()` disposes of it. */
  constructor(client: EventStoreDBClient, options: EsdbStoreOptions = {}) {
    super();
    this.reader = esdbReader(client, options);
  }

  protected closedMessage(): string {
    return `the EventStoreDB ${this.kind} is closed`;
  }

  protected release(): Promise<void> {
    return this.reader.client.dispose();
  }
}
