/** Events between the client's shape and the port's. */
import type { AllStreamResolvedEvent, EventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import { StoreFailure, toJsonText, type Json, type NewEvent, type ReadAllFilter, type RecordedEvent } from '@providers/store';
import { isHiddenFromLog } from './stream-names.js';
import { fromEsdbRevision } from './revisions.js';

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event as the client appends it: JSON data, and the metadata as the
 * bytes of its JSON text, because the client drops metadata that is falsy
 * (`null`, `0`, `false`, `""`) and would read those back as nothing.
 */
export const toEventData = (stream: string, event: NewEvent): EventData => {
  if (!UUID.test(event.eventId)) {
    throw new StoreFailure(`cannot append to ${stream}: event id ${event.eventId} is not a UUID, which EventStoreDB requires`);
  }
  toJsonText(event.data, stream, event, 'data');
  return {
    // EventStoreDB gives ids back in lower case; writing them so keeps them equal to what reads return.
    id: event.eventId.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONType,
    metadata: new Uint8Array(Buffer.from(toJsonText(event.metadata, stream, event, 'metadata'), 'utf8')),
  };
};

/** The `$all` position of a resolved event; `undefined` when the server sent none. */
export const positionOf = (resolved: Resolved): bigint | undefined => {
  const position = resolved.event?.position?.commit;
  // The client reports 0n when the server left the event's own position out (servers before 22.6 on stream reads).
  if (position !== undefined && position > 0n) return position;
  return resolved.commitPosition;
};

/** Whether the log skips this event of `$all` (see `isHiddenFromLog`). */
export const isHidden = (resolved: Resolved): boolean =>
  resolved.event === undefined || isHiddenFromLog(resolved.event.streamId, resolved.event.type);

/** The predicate of a port filter on (stream, type). Absent lists do not constrain; empty lists match nothing. */
export const filterMatcher = (filter: ReadAllFilter | undefined): ((stream: string, type: string) => boolean) => {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes === undefined ? undefined : new Set(filter.eventTypes);
  return (stream, type) =>
    (prefixes === undefined || prefixes.some((prefix) => stream.startsWith(prefix))) && (types === undefined || types.has(type));
};

/** The port's view of a resolved event; `StoreFailure` when it is not an event the port can hold. */
export const toRecordedEvent = (resolved: Resolved): RecordedEvent => {
  const event = resolved.event;
  if (!event) throw new StoreFailure('EventStoreDB returned a link to an event that is gone');
  const position = positionOf(resolved);
  if (position === undefined) {
    throw new StoreFailure(
      `EventStoreDB did not report the position of event ${event.id} in ${event.streamId}; stream reads report positions from EventStoreDB 22.6 on`,
    );
  }
  return {
    stream: event.streamId,
    revision: fromEsdbRevision(event.revision),
    position,
    eventId: event.id,
    type: event.type,
    data: event.isJson ? (event.data as Json) : parseJson(event.data as Uint8Array, event.id, event.streamId, 'data'),
    metadata: metadataOf(event.metadata, event.id, event.streamId),
  };
};

const metadataOf = (metadata: unknown, id: string, stream: string): Json => {
  if (metadata === undefined) return null;
  if (metadata instanceof Uint8Array) return parseJson(metadata, id, stream, 'metadata');
  return metadata as Json;
};

const parseJson = (bytes: Uint8Array, id: string, stream: string, field: 'data' | 'metadata'): Json => {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch (cause) {
    throw new StoreFailure(`the ${field} of event ${id} in ${stream} is not JSON`, { cause });
  }
};
