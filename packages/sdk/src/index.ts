export {
  Providers,
  type AddProviderInput,
  type AsOf,
  type LiveReadModels,
  type OpenOptions,
  type OrgIamTemplateInput,
  type RemoveProviderInput,
  type UpdateCredentialsInput,
  type WriteContext,
} from './providers.js';
export { DEFAULT_SESSION_DURATION_SECONDS, MAX_SECRET_VALUE_LENGTH, validatePlainSecrets, type PlainCredentials } from './provider-input.js';
/** The error of an `asOf` the domain's as-of parser refuses. */
export { InvalidAsOf } from './as-of.js';
/** The domain's one as-of parser, for the CLI's `--as-of` and HTTP's `?asOf=`. */
export { parseAsOf, parseAsOfTime, type AsOfPoint } from '@providers/domain';
export { DEFAULT_STORE_URL, InvalidStoreUrl, openStores, parseStoreUrl, type StoreLocation, type Stores } from './store-url.js';
/** A snapshot that could not be used or saved (the answer was replayed from the log): what `OpenOptions.onWarning` hears. */
export type { SnapshotWarning } from '@providers/commands';
/** Issuance records (`CredentialsIssued`), their query and kinds: what `Providers.issuance` answers. */
export type { Issuance, IssuanceKind, IssuanceQuery, IssuanceRow } from '@providers/vending';
/** A resolve or vend request refused by the rules the writes obey. */
export { InvalidResolveRequest } from './invalid-resolve-request.js';
