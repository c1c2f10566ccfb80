import { ClosableStore } from './closable-store.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from './event-store.js';
import { OpenSubscriptions } from './open-subscriptions.js';
import { assertTruncatable } from './prunable-streams.js';

/**
 * What every event store does the same way around its own storage: it keeps
 * the live subscriptions it handed out and ends them when it closes, and it
 * checks a truncation before it truncates. Adapters write, read and follow
 * their log; this class does the rest.
 */
export abstract class EventStoreAdapter extends ClosableStore implements EventStore {
  readonly #subscriptions = new OpenSubscriptions();

  abstract append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  abstract readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<readonly RecordedEvent[]>;
  abstract readAll(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  abstract headPosition(): Promise<bigint>;

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    this.assertOpen('subscribe to all events');
    return this.#subscriptions.track((forget) => this.follow(options, forget));
  }

  async truncateStreamBefore(stream: string, revision: bigint): Promise<void> {
    this.assertOpen(`truncate ${stream}`);
    assertTruncatable(stream, revision);
    await this.truncate(stream, revision);
  }

  /** Starts a live subscription of the log; `forget` must run once, when it ends for whatever reason. */
  protected abstract follow(options: SubscribeAllOptions, forget: () => void): Subscription;

  /** Removes the stream's events below `revision` but its last one; the stream and revision are already checked. */
  protected abstract truncate(stream: string, revision: bigint): Promise<void> | void;

  protected override async endOpenCalls(): Promise<void> {
    await this.#subscriptions.closeAll();
  }
}
