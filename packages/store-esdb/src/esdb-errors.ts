/**
 * How the client's failures map onto the port's errors. The client throws its
 * own error classes for answers it understands and raw gRPC errors for some
 * failures on the wire (a BatchAppend stream that broke), so both are read.
 */
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  isCommandError,
} from '@eventstore/db-client';
import { StoreFailure, StoreUnavailable, isStoreError, type StoreError } from '@providers/store';

// gRPC status codes after which the same call may succeed: CANCELLED (by the server), DEADLINE_EXCEEDED, UNAVAILABLE.
const TRANSIENT_GRPC_CODES = new Set([1, 4, 14]);

/**
 * Whether retrying may succeed: the server was unreachable or went away,
 * the call ran out of time, or the node is not the leader (the client then
 * reconnects to the leader it was told about).
 */
export const isTransient = (error: unknown): boolean => {
  if (error instanceof StoreUnavailable) return true;
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  if (error instanceof Error && isCommandError(error)) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code);
};

/** Whether the server said the stream does not exist (or was soft-deleted). */
export const isStreamNotFound = (error: unknown): boolean => error instanceof StreamNotFoundError;

/**
 * The port error for a failure of `operation` (a phrase like "read stream
 * x"). Messages name the kind of failure; the client's own message stays in
 * `cause`, out of the message.
 */
export const toStoreError = (error: unknown, operation: string): StoreError => {
  if (isStoreError(error)) return error;
  const kind = describe(error);
  if (isTransient(error)) return new StoreUnavailable(`EventStoreDB is unavailable: could not ${operation} (${kind})`, { cause: error });
  if (error instanceof StreamDeletedError) {
    return new StoreFailure(`could not ${operation}: the stream was deleted for good (tombstoned)`, { cause: error });
  }
  return new StoreFailure(`EventStoreDB refused to ${operation} (${kind})`, { cause: error });
};

const describe = (error: unknown): string => {
  if (error instanceof Error && isCommandError(error)) return error.type;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return `gRPC status ${code}`;
  return error instanceof Error ? error.name : typeof error;
};
