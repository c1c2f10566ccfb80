import { MemoryEventStore, MemoryKeyStore, MemorySnapshotStore } from '@providers/store';
import { eventStoreContract, keyStoreContract, snapshotStoreContract } from '@providers/store/testing';

eventStoreContract('MemoryEventStore', async () => {
  const store = new MemoryEventStore();
  return { store, close: () => store.close() };
});

// A small page size runs the paging paths on small data sets as well.
eventStoreContract('MemoryEventStore with pages of 7', async () => {
  const store = new MemoryEventStore({ pageSize: 7 });
  return { store, close: () => store.close() };
});

keyStoreContract('MemoryKeyStore', async () => {
  const store = new MemoryKeyStore();
  return { store, close: () => store.close() };
});

snapshotStoreContract('MemorySnapshotStore', async () => {
  const store = new MemorySnapshotStore();
  return { store, close: () => store.close() };
});
