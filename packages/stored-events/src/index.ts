/** Reads a stored event into an envelope (upcast and validated), or throws where it is broken. */
export { toEnvelope } from './to-envelope.js';
/** A stored event that cannot be read, with its stream, revision and position. */
export { UnreadableEventError } from './unreadable-event.js';
/** Reads one stored event's type, payload and metadata: upcast to the current schema and validated. */
export { UPCASTERS, readEvent, type UnreadableEvent, type Upcaster, type Upcasters } from './read-event.js';
/** The check of a codec compiled once into straight-line code, for the hot path of replays. */
export { guardOf, type Guard } from './guard.js';
