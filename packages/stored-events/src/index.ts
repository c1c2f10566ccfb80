export { toEnvelope } from './to-envelope.js';
export { UnreadableEventError } from './unreadable-event.js';
