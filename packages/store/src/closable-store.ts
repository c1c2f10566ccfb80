import { StoreUnavailable } from './errors.js';

/**
 * What every store does about closing: once closed it refuses calls with
 * `StoreUnavailable`, and it lets go of what it holds (a connection, a pool,
 * a client) once, however often `close` is called.
 */
export abstract class ClosableStore {
  #closed = false;

  /** The message of a call refused after closing; `action` says what the call was, where the store names it. */
  protected abstract closedMessage(action?: string): string;

  /** Lets go of what the store holds; runs once, on the first `close`. */
  protected abstract release(): Promise<void> | void;

  /** Ends what callers still hold of the store (its live subscriptions) before it lets go of its resources. */
  protected async endOpenCalls(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.endOpenCalls();
    await this.release();
  }

  /** Throws `StoreUnavailable` once the store is closed. */
  protected assertOpen(action?: string): void {
    if (this.#closed) throw new StoreUnavailable(this.closedMessage(action));
  }
}
