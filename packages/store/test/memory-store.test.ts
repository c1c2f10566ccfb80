import { MemoryEventStore, MemoryKeyStore, MemorySnapshotStore } from '@providers/store';
import { adapterContracts } from '@providers/store/testing';

// Memory keeps nothing past closing: no place to reopen.
adapterContracts({
  name: (kind) => `Memory${kind}`,
  fresh: () => undefined,
  events: (_, options) => new MemoryEventStore(options),
  keys: () => new MemoryKeyStore(),
  snapshots: () => new MemorySnapshotStore(),
  smallPages: 7,
});
