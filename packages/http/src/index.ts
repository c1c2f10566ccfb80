/** The request handler to mount in a Node server (`/api/…` and `/console/…`), and its options. */
export { createProvidersHandler, type HandlerOptions, type ProvidersHandler } from './handler.js';
/** The handler on its own server: what `providers serve` runs. */
export { serve, type RunningServer, type ServeOptions } from './server.js';
/** The server's tokens (a JSON file of `{ token, actor, role, orgs }`), compared in constant time. */
export { InvalidTokensFile, TokenEntry, TokenRole, Tokens, TokensFile, type Principal } from './tokens.js';
/** The shapes of the API's requests (every codec the API decodes a body with). */
export * from './codecs.js';
/** What the API answers: providers with their usages, a resolution. */
export type { ProviderView, ResolutionView, SlotView, Stamp, UsageView } from './views.js';
/** What the API answers for a service: its inheritance, local-credentials links and account pins by scope. */
export type { PinView, PlacementView, ScopeView, ServiceView } from './service-view.js';
/** The body of every error answer, and how errors map to statuses. */
export { toHttpError, type ErrorBody } from './errors.js';
