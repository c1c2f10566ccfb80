export { EsdbEventStore } from './esdb-event-store.js';
export { EsdbKeyStore } from './esdb-key-store.js';
export { EsdbSnapshotStore } from './esdb-snapshot-store.js';
export type { EsdbStoreOptions } from './esdb-reader.js';
export type { RetryPolicy } from './retry.js';
export { KEY_STREAM_PREFIX } from './stream-names.js';
