import type { PlainCredentials } from './provider-input.js';
import type { WriteContext } from './write-context.js';

/** A provider to add, with its credentials in plain text (sealed before they are recorded). */
export interface AddProviderInput extends WriteContext {
  readonly name: string;
  readonly type: string;
  readonly credentials: PlainCredentials;
  /** The account of static keys as declared (a role's account is read from its ARN); refused if STS observes another. */
  readonly accountId?: string;
  /** Ask STS which account static keys act in before recording them (default: `OpenOptions.observeKeysAccount`; always in an org with account pins). */
  readonly observeAccount?: boolean;
  /** Default: `prv-` and a random UUID. */
  readonly providerId?: string;
}

/** A provider's new name. */
export interface RenameProviderInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  readonly name: string;
}

/** New credentials for a provider, in plain text (sealed before they are recorded). */
export interface UpdateCredentialsInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  readonly credentials: PlainCredentials;
  /** The account of new static keys as declared; refused if STS observes another. */
  readonly accountId?: string;
  /** As for an add: observe new static keys' account (always in an org with account pins). */
  readonly observeAccount?: boolean;
}

/** A provider to remove; `force` releases its usages first, `shred` deletes its data key. */
export interface RemoveProviderInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  /** Unlink it everywhere and clear its defaults first (each recorded as an event). */
  readonly force?: boolean;
  /** Also delete its data key, so that its sealed secrets can never be opened again. */
  readonly shred?: boolean;
}

/** Where a link goes: a service; with a stage, every region of it; with a region too, one instance. */
export interface LinkTarget {
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  /** Needs `stage`. */
  readonly region?: string;
}

/** A provider to link to a service, a stage or an instance. */
export interface LinkInput extends WriteContext, LinkTarget {
  /** Provider id or name. */
  readonly provider: string;
  /** Replace the provider of the same type linked there (otherwise that is refused). */
  readonly replace?: boolean;
}

/** A service, stage or instance that deploys with the deployer's own credentials for a type, on purpose. */
export interface LinkLocalCredentialsInput extends WriteContext, LinkTarget {
  /** The vendor type; `aws` unless said. */
  readonly type?: string;
  /** Replace the provider of the same type linked there (otherwise that is refused). */
  readonly replace?: boolean;
}

/** The provider (or local-credentials link) of a type to unlink from a service, a stage or an instance. */
export interface UnlinkInput extends WriteContext, LinkTarget {
  /** The vendor type; `aws` unless said. */
  readonly type?: string;
}

/** A provider to make the organization default of its type. */
export interface SetDefaultInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  /** Replace the default already set for the provider's type (otherwise that is refused). */
  readonly replace?: boolean;
}

/** The organization default of a type to clear. */
export interface ClearDefaultInput extends WriteContext {
  /** The vendor type; `aws` unless said. */
  readonly type?: string;
}

/** Where a pin applies: the org (no app), a service, a stage of it, or one instance (with `region`). */
export interface PinTarget {
  readonly app?: string;
  readonly service?: string;
  readonly stage?: string;
  /** Needs `stage`. */
  readonly region?: string;
}

/** A scope pinned to the AWS accounts its deployments may use (admins only). */
export interface PinInput extends WriteContext, PinTarget {
  /** 12-digit account ids, as strings (leading zeros are part of an id). */
  readonly accountIds: readonly string[];
  /** Why, for the audit trail. */
  readonly reason: string;
}

/** A scope's pin to remove (admins only). */
export interface UnpinInput extends WriteContext, PinTarget {
  readonly reason: string;
}
