import type { EventStore } from './event-store.js';
import type { KeyStore } from './key-store.js';
import type { SnapshotStore } from './snapshot-store.js';

/** An event store with the key and snapshot stores beside it, opened together and closed together. */
export interface StoreSet<Events extends EventStore, Keys extends KeyStore, Snapshots extends SnapshotStore> {
  readonly events: Events;
  readonly keys: Keys;
  readonly snapshots: Snapshots;
  /** Closes the three stores, the events first (and so, with the last, what they share: a connection, a pool). */
  close(): Promise<void>;
}

/** The three stores as one set, closed in order. */
export const storeSet = <Events extends EventStore, Keys extends KeyStore, Snapshots extends SnapshotStore>(
  events: Events,
  keys: Keys,
  snapshots: Snapshots,
): StoreSet<Events, Keys, Snapshots> => ({
  events,
  keys,
  snapshots,
  close: async () => {
    await events.close();
    await keys.close();
    await snapshots.close();
  },
});
