/**
 * A counter of "the store changed" events that waiters can sleep on. A waiter
 * passes the version it saw before it last read, so an append that lands
 * between that read and the wait is not missed.
 */
export class ChangeSignal {
  #version = 0;
  #waiters = new Set<() => void>();

  /** The number of changes signalled so far. */
  get version(): number {
    return this.#version;
  }

  /** Records a change and wakes every waiter. */
  notify(): void {
    this.#version += 1;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once the version differs from `seen`, or after `timeoutMs`
   * (when given), or when `signal` aborts; never rejects.
   */
  wait(seen: number, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    if (this.#version !== seen || options.signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        this.#waiters.delete(wake);
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.#waiters.add(wake);
      if (options.timeoutMs !== undefined) timer = setTimeout(wake, options.timeoutMs);
      options.signal?.addEventListener('abort', wake, { once: true });
    });
  }
}
