// What the handlers of the test server's Streams service share: the log, how the server behaves, the faults to inject, the counters and the long-lived calls.
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import type { EsdbLog, LogRecord } from './esdb-log.js';
import type { streamsPb } from './proto.js';
import { eventResponse, plainError } from './wire.js';

export type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
export type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
export type SubscriptionCall = ServerWritableStream<ReadReq, ReadResp>;

/** How the server behaves where EventStoreDB versions differ. */
export interface StreamsServiceOptions {
  /** Send `caught_up` when a subscription reaches the live end (servers from 23.10 do). */
  readonly sendsCaughtUp: boolean;
}

/** Failures a test asks for; each counter is used up one call at a time. */
export interface Faults {
  /** Fail the next calls with UNAVAILABLE before doing anything. */
  unavailable: number;
  /** Commit the next appends, then fail them with UNAVAILABLE, as when the answer is lost on the way. */
  loseAppendAnswers: number;
}

/** What the server has done so far. */
export interface ServerStats {
  /** Append requests (Append calls, BatchAppend writes), whatever became of them. */
  appendRequests: number;
  /** Events sent in answers to reads and subscriptions. */
  eventsSent: number;
}

/** What every handler of one service is given. */
export interface StreamsContext {
  readonly log: EsdbLog;
  readonly options: StreamsServiceOptions;
  readonly stats: ServerStats;
  /** Subscriptions and BatchAppend streams, which the server ends when it stops. */
  readonly longLived: Set<{ end(): void }>;
  /** Live subscriptions, which a test may drop. */
  readonly subscriptions: Set<SubscriptionCall>;
  /** Uses up one injected UNAVAILABLE: true when this call must fail before doing anything. */
  injectedUnavailable(): boolean;
  /** Uses up one lost answer: true when this committed append must fail as if its answer was lost. */
  answerLost(): boolean;
  /** Writes one event of a read or subscription, and counts it. */
  sendEvent(call: { write(response: ReadResp): boolean }, record: LogRecord, structuredIds: boolean): void;
}

/** The context of a service over `log`, drawing on `faults` and counting in `stats`. */
export const streamsContext = (log: EsdbLog, options: StreamsServiceOptions, faults: Faults, stats: ServerStats): StreamsContext => {
  /** Takes one from a fault counter when it has any left. */
  const useUp = (counter: keyof Faults) => (): boolean => {
    if (faults[counter] <= 0) return false;
    faults[counter] -= 1;
    return true;
  };
  return {
    log,
    options,
    stats,
    longLived: new Set(),
    subscriptions: new Set(),
    injectedUnavailable: useUp('unavailable'),
    answerLost: useUp('loseAppendAnswers'),
    sendEvent: (call, record, structuredIds) => {
      stats.eventsSent += 1;
      call.write(eventResponse(record, structuredIds));
    },
  };
};

/** The failure an injected fault answers with. */
export const unavailableError = () => plainError(status.UNAVAILABLE, 'the test server was told to fail this call');
