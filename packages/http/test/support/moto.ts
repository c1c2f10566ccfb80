// moto_server for the HTTP tests: the helper every package's moto tests use (from
// @providers/vending/testing, through the SDK's testing surface), under the names these tests know.
import { motoAvailability, motoServerRuns, startMotoServer, type MotoServer } from '@providers/sdk/testing';

/** A running moto_server. */
export type Moto = MotoServer;

/** Whether moto_server can be run here. */
export const motoAvailable = motoServerRuns;

/** Whether moto_server and the AWS CLI can be run here, or why not (for tests that deploy stacks with `aws`). */
export const motoAndAwsCli = motoAvailability;

/** Starts `moto_server -H 127.0.0.1 -p PORT` and waits until it answers. */
export const startMoto = startMotoServer;

/** A port nobody listens on (for "the server is down"). */
export { freePort } from '@providers/sdk/testing';
