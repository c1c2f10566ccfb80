/**
 * The store contracts over the test server imitating a server from before
 * 21.10 and 23.10: no BatchAppend (the client appends through Append) and no
 * `caught_up` on subscriptions; with pages of 50, so that the contract's big
 * cases page a lot (read.test.ts pages small streams).
 */
import { contractsOverTestServer } from './support/contract-over-test-server.js';

contractsOverTestServer('as 21.6: Append, no caught_up, pages of 50', { batchAppend: false, sendsCaughtUp: false }, { pageSize: 50 });
