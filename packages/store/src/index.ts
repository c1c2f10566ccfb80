// The port's types, every one of them: event-store.ts declares nothing else.
export type * from './event-store.js';
export { WrongExpectedRevision, StoreUnavailable, StoreFailure, StreamNotPrunable, isStoreError, type StoreError } from './errors.js';
export { PRUNABLE_STREAM_PREFIXES, assertTruncatable, isPrunableStream } from './prunable-streams.js';
export { KeyDeleted, type KeyStore, type StoredKey } from './key-store.js';
export { MemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store.js';
export { MemoryKeyStore } from './memory-key-store.js';
export { SNAPSHOTS_KEPT, type LoadSnapshotOptions, type Snapshot, type SnapshotInfo, type SnapshotStore } from './snapshot-store.js';
export { MemorySnapshotStore } from './memory-snapshot-store.js';
export { catchUpSubscription, type CatchUpSource } from './catch-up-subscription.js';
export { ChangeSignal } from './change-signal.js';
export { assertAppendable, encodeAppend, parseStoredJson, toJsonText, type EncodedEvent, type StoredAt } from './append-input.js';
export { OpenSubscriptions } from './open-subscriptions.js';
export { ClosableStore } from './closable-store.js';
export { EventStoreAdapter } from './event-store-adapter.js';
export { CatchUpEventStore, type LiveChanges } from './catch-up-event-store.js';
export { storeSet, type StoreSet } from './store-set.js';
