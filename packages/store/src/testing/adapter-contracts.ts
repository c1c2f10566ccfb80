// The three contracts against one adapter: each store alone, with small pages, over its storage reopened, and the three as one set.
import type { EventStore } from '../event-store.js';
import type { KeyStore } from '../key-store.js';
import type { SnapshotStore } from '../snapshot-store.js';
import type { StoreSet } from '../store-set.js';
import type { ContractOptions, OpenedStore, StoreContract } from './contract-suite.js';
import { eventStoreContract } from './event-store-contract.js';
import { keyStoreContract } from './key-store-contract.js';
import { snapshotStoreContract } from './snapshot-store-contract.js';

/** The port a suite checks, as its name says it: `SqliteKeyStore`, `EsdbEventStore over …`. */
export type StoreKind = 'EventStore' | 'KeyStore' | 'SnapshotStore';

/** What the stores of a set must offer: what every store does, closing. */
type Closable = { close(): Promise<void> };

/** The stores of a set opened together, and which of them a suite checks. */
type Stores = StoreSet<EventStore, KeyStore, SnapshotStore>;
type StoreMember = 'events' | 'keys' | 'snapshots';

/** May be opened at once or after a wait. */
type Eventually<T> = T | Promise<T>;

/** An adapter under the contracts: where its stores keep their data (a file, a schema, a server), and how to open each there. */
export interface AdapterUnderContract<Place> {
  /** The name of the suite of each port. */
  readonly name: (kind: StoreKind) => string;
  /** A new, empty place. */
  readonly fresh: () => Eventually<Place>;
  /** The storage of `closed` again, once its store closed (the same file; a server restarted over its log). Without it, no durability tests. */
  readonly reopened?: (closed: Place) => Eventually<Place>;
  /** Lets go of a place after its store closed (stops a server). */
  readonly release?: (place: Place) => Promise<void>;
  readonly events: (place: Place, options: { readonly pageSize?: number }) => Eventually<EventStore>;
  readonly keys: (place: Place) => Eventually<KeyStore>;
  readonly snapshots: (place: Place) => Eventually<SnapshotStore>;
  /** Runs the event-store contract again with pages this small: the paging paths then run on small data sets as well. */
  readonly smallPages?: number;
  /** The three stores opened together on what they share (`name`, e.g. `openSqliteStores()`): each must work while the others are open. */
  readonly together?: { readonly name: string; readonly open: (place: Place) => Eventually<Stores> };
  /** See `KeyStoreAbilities`. */
  readonly refusesDeletedKeyIds?: boolean;
}

/** A store opened by the runner, with the place it is at. */
type Placed<Store, Place> = OpenedStore<Store> & { readonly place: Place };

/** Registers and runs the event-, key- and snapshot-store contracts against `adapter`. */
export const adapterContracts = <Place>(adapter: AdapterUnderContract<Place>): void => {
  const { name, reopened, release, together } = adapter;
  const placed = async <Store>(place: Place, store: Store, close: () => Promise<void>): Promise<Placed<Store, Place>> => ({
    store,
    place,
    close: async () => {
      await close();
      await release?.(place);
    },
  });
  /** Runs `contract` on stores that `openAt` opens at new places, reopening them where the adapter can. */
  const run = <Store extends Closable, Extra extends object>(
    contract: StoreContract<Store, Extra>,
    suite: string,
    openAt: (place: Place) => Eventually<Store>,
    extra: Extra,
  ) => {
    const at = async (place: Place) => {
      const store = await openAt(place);
      return placed(place, store, () => store.close());
    };
    const reopen = reopened && (async (closed: Placed<Store, Place>) => at(await reopened(closed.place)));
    const options: ContractOptions<Store, Placed<Store, Place>> = reopen ? { reopen } : {};
    contract(suite, async () => at(await adapter.fresh()), { ...options, ...extra });
  };
  /** Runs `contract` on one `member` of the stores opened together at a new place, closed together. */
  const runTogether = <Member extends keyof Stores & StoreMember, Extra extends object>(contract: StoreContract<Stores[Member], Extra>, member: Member, extra: Extra) => {
    if (!together) return;
    const open = async () => {
      const place = await adapter.fresh();
      const set = await together.open(place);
      return placed(place, set[member], () => set.close());
    };
    contract(`${together.name}.${member}`, open, extra);
  };
  const keyAbilities = adapter.refusesDeletedKeyIds === undefined ? {} : { refusesDeletedKeyIds: adapter.refusesDeletedKeyIds };

  run(eventStoreContract, name('EventStore'), (place) => adapter.events(place, {}), {});
  const smallPages = adapter.smallPages;
  if (smallPages !== undefined) run(eventStoreContract, `${name('EventStore')} with pages of ${smallPages}`, (place) => adapter.events(place, { pageSize: smallPages }), {});
  runTogether(eventStoreContract, 'events', {});
  run(keyStoreContract, name('KeyStore'), adapter.keys, keyAbilities);
  runTogether(keyStoreContract, 'keys', keyAbilities);
  run(snapshotStoreContract, name('SnapshotStore'), adapter.snapshots, {});
  runTogether(snapshotStoreContract, 'snapshots', {});
};
