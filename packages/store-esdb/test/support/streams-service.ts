/**
 * The `event_store.client.streams.Streams` service of the test server: Read
 * (streams, `$all`, both directions, counts, filters, and `$all`
 * subscriptions that send a confirmation, the backlog, `caught_up`, then live
 * events, with checkpoints when filtered), Append, BatchAppend, Delete and
 * Tombstone, with the real server's answers. Each call has a file of its own;
 * this one puts them together.
 */
import type { EsdbLog } from './esdb-log.js';
import { streamsGrpc } from './proto.js';
import { streamsContext, unavailableError, type Faults, type ServerStats, type StreamsServiceOptions } from './streams-context.js';
import { appendHandler } from './streams-appends.js';
import { batchAppendHandler } from './streams-batch-appends.js';
import { removalHandlers } from './streams-deletes.js';
import { readHandler } from './streams-reads.js';

export type { Faults, ServerStats, StreamsServiceOptions } from './streams-context.js';

/** The service implementation and control over its long-lived calls. */
export interface StreamsService {
  readonly implementation: import('@eventstore/db-client/generated/streams_grpc_pb.js').IStreamsServer;
  /** Ends every long-lived call (subscriptions, BatchAppend streams) cleanly, as a server shutting down does. */
  endLongLivedCalls(): void;
  /** Fails every live subscription with UNAVAILABLE while the server stays up, as a dropped connection does. */
  dropSubscriptions(): void;
}

/** Builds the Streams service over `log`. */
export const streamsService = (log: EsdbLog, options: StreamsServiceOptions, faults: Faults, stats: ServerStats): StreamsService => {
  const context = streamsContext(log, options, faults, stats);
  const { longLived, subscriptions } = context;
  return {
    implementation: { read: readHandler(context), append: appendHandler(context), batchAppend: batchAppendHandler(context), ...removalHandlers(context) },
    endLongLivedCalls: () => {
      for (const call of [...longLived]) call.end();
      longLived.clear();
    },
    dropSubscriptions: () => {
      for (const call of [...subscriptions]) call.emit('error', unavailableError());
    },
  };
};

/** The generated service definition the implementation above serves. */
export const streamsServiceDefinition = streamsGrpc.StreamsService;
