/**
 * Which events of `$all` the event log leaves out: EventStoreDB's own
 * (system streams and event types start with `$`: metadata, tombstones,
 * settings, statistics) and the key, snapshot and checkpoint streams,
 * which share the database but are not events of the log.
 */

/** Every data key lives in the stream `providers-key-<keyId>`. */
export const KEY_STREAM_PREFIX = 'providers-key-';

/** The stream that holds one data key. */
export const keyStream = (keyId: string): string => `${KEY_STREAM_PREFIX}${keyId}`;

/** Every name's snapshots live in the stream `providers-snapshot-<name>`. */
export const SNAPSHOT_STREAM_PREFIX = 'providers-snapshot-';

/** Every projection's checkpoint lives in the stream `providers-checkpoint-<name>`. */
export const CHECKPOINT_STREAM_PREFIX = 'providers-checkpoint-';

/** The stream that holds the snapshots of one name. */
export const snapshotStream = (name: string): string => `${SNAPSHOT_STREAM_PREFIX}${name}`;

/** The stream that holds one projection's checkpoint. */
export const checkpointStream = (name: string): string => `${CHECKPOINT_STREAM_PREFIX}${name}`;

const storeOwned = (stream: string): boolean =>
  stream.startsWith(KEY_STREAM_PREFIX) || stream.startsWith(SNAPSHOT_STREAM_PREFIX) || stream.startsWith(CHECKPOINT_STREAM_PREFIX);

/** Whether `$all` readers of the log skip an event of `type` in `stream`. */
export const isHiddenFromLog = (stream: string, type: string): boolean => stream.startsWith('$') || type.startsWith('$') || storeOwned(stream);

/** Whether the log refuses to append to `stream` (EventStoreDB's streams, the key, snapshot and checkpoint streams). */
export const isReservedStream = (stream: string): boolean => stream.startsWith('$') || storeOwned(stream);
