// The shapes vending receives from the resolution index, the domain and the sealing package.
import type { ProviderCredentials, SealedSecret } from '@providers/domain';
import type { Resolution, ResolveRequest } from '@providers/projections';

export type { ProviderCredentials, SealedSecret } from '@providers/domain';
export type { ChainLink, Resolution, ResolutionSource, ResolvedProvider, ResolveRequest } from '@providers/projections';

/** Looks up which provider a request resolves to (the resolution index). */
export type Resolve = (request: ResolveRequest) => Promise<Resolution>;

/** Opens a sealed value; `field` names what it is (`secretAccessKey`, or a secret field's name). */
export type Unseal = (sealed: SealedSecret, field: string) => Promise<string>;

