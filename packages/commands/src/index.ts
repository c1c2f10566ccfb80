export { CommandHandler, ConcurrencyExhausted, type CommandHandlerOptions, type CommandResult } from './command-handler.js';
export { eventIdFor } from './event-ids.js';
export { OrgStates } from './org-states.js';
