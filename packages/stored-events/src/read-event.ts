import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import {
  CURRENT_SCHEMA_VERSION,
  EventMetadata,
  eventDataCodecs,
  isEventType,
  toInvalidInput,
  type DomainEvent,
  type EventEnvelope,
  type EventType,
} from '@providers/domain';
import { guardOf } from './guard.js';

/** Lifts one event payload from schema version `from` to `from + 1`. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Upcasters by event type and the version they lift from. Empty while every
 * event is at its first version; a change to a payload adds an entry here and
 * bumps CURRENT_SCHEMA_VERSION, and old events keep reading.
 */
export type Upcasters = { readonly [K in EventType]?: { readonly [fromVersion: number]: Upcaster } };
/** The upcasters in force. */
export const UPCASTERS: Upcasters = {};

const isMetadata = guardOf(EventMetadata) as (u: unknown) => u is EventMetadata;

/** Why a stored event could not be read. */
export type UnreadableEvent =
  | { readonly _tag: 'UnknownEventType'; readonly type: string; readonly message: string }
  | { readonly _tag: 'InvalidEvent'; readonly type: string; readonly field: string; readonly message: string };

/**
 * Reads a stored event: checks its metadata, lifts old payloads to the current
 * schema, and validates the payload with its codec.
 */
export const readEvent = (
  type: string,
  data: unknown,
  metadata: unknown,
  upcasters: Upcasters = UPCASTERS,
): E.Either<UnreadableEvent, EventEnvelope> => {
  if (!isEventType(type)) return E.left({ _tag: 'UnknownEventType', type, message: `unknown event type ${JSON.stringify(type)}` });
  // The hot path of every replay: `is` checks every rule without copying; a
  // value that fails is decoded again only to say which field broke which rule.
  const meta = isMetadata(metadata) ? E.right(metadata) : EventMetadata.decode(metadata);
  if (E.isLeft(meta)) {
    const error = toInvalidInput(meta.left);
    return E.left({ _tag: 'InvalidEvent', type, field: `metadata.${error.field}`, message: `${type} metadata: ${error.message}` });
  }
  let payload = data;
  let version = meta.right.schemaVersion;
  const current = CURRENT_SCHEMA_VERSION[type];
  if (version > current)
    return E.left({ _tag: 'InvalidEvent', type, field: 'metadata.schemaVersion', message: `${type} v${version} is newer than this version of the library reads (v${current})` });
  for (; version < current; version++) {
    const lift = upcasters[type]?.[version];
    if (!lift)
      return E.left({ _tag: 'InvalidEvent', type, field: 'metadata.schemaVersion', message: `no upcaster for ${type} from v${version}` });
    payload = lift(payload);
  }
  const codec: t.Mixed = eventDataCodecs[type];
  const decoded = guardOf(codec)(payload) ? E.right(payload) : codec.decode(payload);
  if (E.isLeft(decoded)) {
    const error = toInvalidInput(decoded.left);
    return E.left({ _tag: 'InvalidEvent', type, field: `data.${error.field}`, message: `${type}: ${error.message}` });
  }
  return E.right({
    event: { type, data: decoded.right } as DomainEvent,
    metadata: version === meta.right.schemaVersion ? meta.right : { ...meta.right, schemaVersion: current },
  });
};
