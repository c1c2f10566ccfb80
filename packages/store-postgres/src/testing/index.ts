export { startTestPostgresServer, type TestPostgresServer, type TestPostgresServerOptions } from './test-postgres-server.js';
export { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';
export { postgresTestGate, type PostgresTestGate } from './postgres-test-gate.js';
