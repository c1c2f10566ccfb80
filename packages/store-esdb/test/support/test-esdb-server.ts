/**
 * An in-process server that speaks the EventStoreDB gRPC Streams API, built
 * from the service definitions inside `@eventstore/db-client`, so that the
 * real client can be exercised in tests without an EventStoreDB process.
 */
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { EsdbLog } from './esdb-log.js';
import { serverFeaturesGrpc, serverFeaturesPb, type sharedPb } from './proto.js';
import { streamsService, streamsServiceDefinition, type Faults, type ServerStats } from './streams-service.js';

/** A running test server. */
export interface TestEsdbServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  /** The log behind the server, for tests that look at what was stored. */
  readonly log: EsdbLog;
  /** Failures to inject into the next calls. */
  readonly faults: Faults;
  /** What the server has done so far. */
  readonly stats: Readonly<ServerStats>;
  /** Fails every live subscription with UNAVAILABLE while the server stays up. */
  dropSubscriptions(): void;
  /** Ends subscriptions and BatchAppend streams cleanly, then shuts down. */
  stop(): Promise<void>;
  /** Drops every connection at once, as a crashed server does. */
  kill(): void;
}

/** Where the test server differs between the EventStoreDB versions it can imitate. */
export interface TestEsdbServerOptions {
  /**
   * Advertise BatchAppend in server features (servers from 21.10 do), which
   * makes the client append through it; otherwise the client uses Append.
   * Default true.
   */
  readonly batchAppend?: boolean;
  /** Send `caught_up` on subscriptions (servers from 23.10 do). Default true. */
  readonly sendsCaughtUp?: boolean;
  /** The log of a stopped server, to start it again with its data. Default: a new database. */
  readonly log?: EsdbLog;
}

const STREAMS_SERVICE = 'event_store.client.streams.streams';

/** Starts a server on 127.0.0.1, on a port of the system's choosing, without TLS. */
export const startTestEsdbServer = async (options: TestEsdbServerOptions = {}): Promise<TestEsdbServer> => {
  const log = options.log ?? newDatabase();
  const faults: Faults = { unavailable: 0, loseAppendAnswers: 0 };
  const stats: ServerStats = { appendRequests: 0, eventsSent: 0 };
  const streams = streamsService(log, { sendsCaughtUp: options.sendsCaughtUp ?? true }, faults, stats);
  const server = new Server();
  server.addService(streamsServiceDefinition, streams.implementation);
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<InstanceType<typeof sharedPb.Empty>, unknown>, callback: sendUnaryData<unknown>) => {
      const methods = ['read', 'append', 'delete', 'tombstone', ...(options.batchAppend === false ? [] : ['batchappend'])].map((method) =>
        new serverFeaturesPb.SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(method),
      );
      callback(null, new serverFeaturesPb.SupportedMethods().setEventStoreServerVersion('23.10.0').setMethodsList(methods));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort))),
  );
  let stopped = false;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    faults,
    stats,
    dropSubscriptions: () => streams.dropSubscriptions(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      streams.endLongLivedCalls();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
    kill: () => {
      stopped = true;
      server.forceShutdown();
    },
  };
};

// A real database is never empty: the server writes system events before any client does.
const newDatabase = (): EsdbLog => {
  const log = new EsdbLog();
  log.append('$settings', { kind: 'any' }, [
    {
      eventId: randomUUID(),
      type: '$settings',
      contentType: 'application/json',
      data: new TextEncoder().encode('{"$userStreamAcl":{"$r":"$all"}}'),
      customMetadata: new Uint8Array(),
    },
  ]);
  return log;
};
