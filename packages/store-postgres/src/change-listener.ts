import pg from 'pg';
import type { ChangeSignal } from '@providers/store';

/** How long the listener waits before connecting again after its connection failed. */
const RECONNECT_DELAY_MS = 1000;

/**
 * One connection that LISTENs on a schema's channel and signals `changes`
 * at every notification, so that live subscriptions hear of other
 * processes' appends at once. When the connection fails it connects again
 * after a pause, and signals once it is back (notifications sent while it
 * was away are lost; the subscriptions' polling covers that gap too).
 */
export class ChangeListener {
  readonly #connectionString: string;
  readonly #channel: string;
  readonly #changes: ChangeSignal;
  readonly #connectTimeoutMs: number;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(connectionString: string, channel: string, changes: ChangeSignal, connectTimeoutMs: number) {
    this.#connectionString = connectionString;
    this.#channel = channel;
    this.#changes = changes;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /** Starts listening (once; later calls do nothing). */
  start(): void {
    if (this.#client || this.#retry || this.#stopped) return;
    void this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = undefined;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString, connectionTimeoutMillis: this.#connectTimeoutMs });
    this.#client = client;
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      void client.end().catch(() => undefined);
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.#channel) this.#changes.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.#channel)}`);
      if (this.#stopped) return void (await client.end().catch(() => undefined));
      // Whatever was appended while no one listened is read now rather than at the next poll.
      this.#changes.notify();
    } catch {
      lost();
    }
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#stopped) void this.#connect();
    }, RECONNECT_DELAY_MS);
    // A process that has nothing else to do does not stay up only to reconnect.
    this.#retry.unref();
  }
}
