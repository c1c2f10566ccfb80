// `@providers/sdk/testing`: helpers for the tests of the library's front ends (the CLI, the HTTP API).
/** An error of a chosen kind, for tests that every kind maps to an exit code or a status. */
export { ExampleFailure } from './example-failure.js';
/**
 * moto_server, one helper for every package's moto tests, and a free loopback port (for a server
 * that is down): the HTTP tests reach vending's and the store's test helpers through the SDK.
 */
export { motoAvailability, motoServerRuns, startMotoServer, type MotoServer } from '@providers/vending/testing';
export { freePort } from '@providers/store/testing';
