import { StoreFailure, StoreUnavailable, isStoreError } from '@providers/store';

/** Node's socket errors: the server is not there, or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOENT']);

/**
 * SQLSTATEs after which the same call may succeed on a new connection or a
 * moment later: connection exceptions (08…), the server shutting down or
 * starting (57P01–57P03), too many connections, serialisation failures and
 * deadlocks.
 */
const TRANSIENT_STATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/** SQLSTATEs that name a set-up problem rather than an outage: nothing on this side will fix them by waiting. */
const SETUP_STATES: Record<string, string> = {
  '3D000': 'the database does not exist',
  '28P01': 'the password was refused',
  '28000': 'the user may not connect',
  '42501': 'the user lacks a privilege the store needs',
};

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
};

/** pg's own messages for a connection that died or never came. */
const isLostConnection = (error: unknown): boolean =>
  error instanceof Error &&
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(error.message);

/** Whether a failed call may succeed if made again (on another connection). */
export const isTransient = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code !== undefined && (SOCKET_CODES.has(code) || TRANSIENT_STATES.has(code) || code.startsWith('08'))) return true;
  return isLostConnection(error);
};

/**
 * The store's typed error for what `pg` threw while doing `action` at
 * `display` (the URL without its password). The server's message is kept,
 * its detail is not: a detail may quote the values of a row.
 */
export const toStoreError = (error: unknown, display: string, action: string): Error => {
  if (isStoreError(error)) return error;
  const options = { cause: error };
  const code = codeOf(error);
  if (isTransient(error)) {
    const why = code !== undefined && SOCKET_CODES.has(code) ? `the server cannot be reached (${code})` : 'the connection to the server failed';
    return new StoreUnavailable(`the PostgreSQL store at ${display} is unavailable: ${why}: cannot ${action}`, options);
  }
  const setup = code === undefined ? undefined : SETUP_STATES[code];
  const reason = error instanceof Error ? error.message : String(error);
  if (setup !== undefined) return new StoreUnavailable(`the PostgreSQL store at ${display} cannot be used: ${setup} (${reason}): cannot ${action}`, options);
  return new StoreFailure(`the PostgreSQL store at ${display} failed to ${action}: ${reason}${code ? ` (SQLSTATE ${code})` : ''}`, options);
};
