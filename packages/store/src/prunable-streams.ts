// Which streams may lose their oldest events. Only logs that no decision is made on: the issuance
// log (`providers-issuance-<orgId>`) records what vending handed out, and nothing is ever decided
// by folding it. Every other stream (an org's decisions, its legacy profiles, its external id, the
// key and snapshot streams) is the history its state is rebuilt from, and stays whole.
import { StoreFailure, StreamNotPrunable } from './errors.js';

/** The name prefixes of the streams `truncateStreamBefore` accepts. */
export const PRUNABLE_STREAM_PREFIXES: readonly string[] = Object.freeze(['providers-issuance-']);

/** Whether `stream` is a log whose oldest events may be removed. */
export const isPrunableStream = (stream: string): boolean =>
  typeof stream === 'string' && PRUNABLE_STREAM_PREFIXES.some((prefix) => stream.length > prefix.length && stream.startsWith(prefix));

/**
 * Refuses a truncation that no adapter may carry out: `StreamNotPrunable` for a stream that is not
 * a log, `StoreFailure` for a revision that is not a bigint.
 */
export const assertTruncatable = (stream: string, revision: bigint): void => {
  if (!isPrunableStream(stream)) throw new StreamNotPrunable(stream);
  if (typeof revision !== 'bigint') throw new StoreFailure(`cannot truncate ${stream}: the revision to keep from must be a bigint`);
};
