// `@providers/sdk/testing`: helpers for the tests of the library's front ends (the CLI, the HTTP API).
/** An error of a chosen kind, for tests that every kind maps to an exit code or a status. */
export { ExampleFailure } from './example-failure.js';
