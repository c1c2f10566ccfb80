/**
 * Which events of `$all` the event log leaves out: EventStoreDB's own
 * (system streams and event types start with `$`: metadata, tombstones,
 * settings, statistics) and the key store's streams, which share the
 * database but are not events of the log.
 */

/** Every data key lives in the stream `providers-key-<keyId>`. */
export const KEY_STREAM_PREFIX = 'providers-key-';

/** The stream that holds one data key. */
export const keyStream = (keyId: string): string => `${KEY_STREAM_PREFIX}${keyId}`;

/** Whether `$all` readers of the log skip an event of `type` in `stream`. */
export const isHiddenFromLog = (stream: string, type: string): boolean =>
  stream.startsWith('$') || type.startsWith('$') || stream.startsWith(KEY_STREAM_PREFIX);

/** Whether the log refuses to append to `stream` (EventStoreDB's streams, the key store's streams). */
export const isReservedStream = (stream: string): boolean => stream.startsWith('$') || stream.startsWith(KEY_STREAM_PREFIX);
