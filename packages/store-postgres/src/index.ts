export { PostgresEventStore } from './postgres-event-store.js';
export { PostgresKeyStore } from './postgres-key-store.js';
export { PostgresSnapshotStore } from './postgres-snapshot-store.js';
export { openPostgresStores, type PostgresStores } from './open-postgres-stores.js';
export type { PostgresOpenOptions } from './postgres-location.js';
export { schemaVersion } from './schema.js';
