/** The request handler to mount in a Node server (`/api/…` and `/console/…`), and its options. */
export { createProvidersHandler, type HandlerOptions, type ProvidersHandler } from './handler.js';
/** The handler on its own server: what `providers serve` runs. */
export { serve, type RunningServer, type ServeOptions } from './server.js';
/** The server's tokens (a JSON file of `{ token, actor, role, orgs }`), compared in constant time. */
export { InvalidTokensFile, TokenEntry, TokenRole, Tokens, TokensFile, type Principal } from './tokens.js';
/** The shapes of the API's requests. */
export {
  AddProviderRequest,
  CredentialsRequest,
  DeployRequest,
  LinkRequest,
  RenameRequest,
  SetDefaultRequest,
  UnlinkRequest,
  UpdateCredentialsRequest,
} from './codecs.js';
/** What the API answers: providers with their usages, a service's inheritance, a resolution. */
export type { PlacementView, ProviderView, ResolutionView, ServiceView, SlotView, Stamp, UsageView } from './views.js';
/** The body of every error answer, and how errors map to statuses. */
export { toHttpError, type ErrorBody } from './errors.js';
