// `@providers/store-esdb/testing`: the in-process EventStoreDB server, for tests that run over the real client.
export { startTestEsdbServer, type TestEsdbServer, type TestEsdbServerOptions } from './test-esdb-server.js';
