export { SqliteEventStore } from './sqlite-event-store.js';
export { SqliteKeyStore } from './sqlite-key-store.js';
export { SqliteSnapshotStore } from './sqlite-snapshot-store.js';
export { openSqliteStores, type SqliteStores } from './open-sqlite-stores.js';
export type { SqliteOpenOptions } from './sqlite-connection.js';
export { schemaVersion } from './schema.js';
