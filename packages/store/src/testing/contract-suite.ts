// What the three contract suites share: how a suite is registered and run, how its tests get a store, and the durability frame.
import { suite, type Test } from 'uvu';

/** A store opened for one contract test, and how to let go of it. */
export interface OpenedStore<Store> {
  readonly store: Store;
  /** Closes the store (and whatever the harness opened with it). */
  close(): Promise<void>;
}

/** Optional abilities of a store under test, whichever port it serves. */
export interface ContractOptions<Store, T extends OpenedStore<Store>> {
  /** Opens again the storage behind `closed` (already closed): enables the durability test. */
  readonly reopen?: (closed: T) => Promise<OpenedStore<Store>>;
}

/**
 * The frame of a durability test: `write` through a new store, close it,
 * reopen its storage and `check` through the store reopened, given what
 * `write` returned. Either store is closed whatever fails.
 */
export type Reopening<Store> = <Written>(write: (store: Store) => Promise<Written>, check: (store: Store, written: Written) => Promise<void>) => Promise<void>;

/** What a contract's cases are registered with. */
export interface ContractCases<Store> {
  readonly test: Test;
  /** Runs `body` on a new, empty store, closed after it whatever happens. */
  readonly withStore: (body: (store: Store) => Promise<void>) => Promise<void>;
  /** Opens a new, empty store, for the cases that close it themselves. */
  readonly open: () => Promise<OpenedStore<Store>>;
  /** Present when the store can be reopened over its storage. */
  readonly reopening: Reopening<Store> | undefined;
}

/** A contract suite for stores of one port: `register` adds its cases, given the abilities `Extra` the caller declared. */
export type StoreContract<Store, Extra extends object> = <T extends OpenedStore<Store>>(
  name: string,
  open: () => Promise<T>,
  options?: ContractOptions<Store, T> & Extra,
) => void;

/**
 * Makes a contract: calling it registers `register`'s cases as a uvu suite
 * named `name` and runs it. `open` must give a new, empty store every time.
 */
export const storeContract =
  <Store, Extra extends object = object>(register: (cases: ContractCases<Store>, extra: Partial<Extra>) => void): StoreContract<Store, Extra> =>
  (name, open, options) => {
    const test = suite(name);
    const withStore = async (body: (store: Store) => Promise<void>) => {
      const opened = await open();
      try {
        await body(opened.store);
      } finally {
        await opened.close();
      }
    };
    const reopen = options?.reopen;
    const reopening: Reopening<Store> | undefined = reopen && ((write, check) => acrossReopening(open, reopen, write, check));
    register({ test, withStore, open, reopening }, options ?? {});
    test.run();
  };

const acrossReopening = async <Store, T extends OpenedStore<Store>, Written>(
  open: () => Promise<T>,
  reopen: (closed: T) => Promise<OpenedStore<Store>>,
  write: (store: Store) => Promise<Written>,
  check: (store: Store, written: Written) => Promise<void>,
): Promise<void> => {
  const first = await open();
  let closed = false;
  try {
    const written = await write(first.store);
    await first.close();
    closed = true;
    const second = await reopen(first);
    try {
      await check(second.store, written);
    } finally {
      await second.close();
    }
  } finally {
    if (!closed) await first.close();
  }
};
