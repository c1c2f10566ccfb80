import type { Actor, ActorRole, LinkScope, ProviderCredentials } from '@providers/domain';

/** Who did something, when, and where in the log. */
export interface Stamp {
  readonly actor: { readonly id: string; readonly role: ActorRole };
  readonly at: string;
  /** Global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/**
 * A provider as the catalog shows it: what it is and where its credentials
 * point, never their secret values. Static keys show the access key id (not
 * secret); secret fields show their names only.
 */
export interface CatalogProvider {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly credentialsKind: ProviderCredentials['kind'];
  readonly accountId?: string;
  /** Access role only. */
  readonly roleArn?: string;
  /** Access role only; not secret (AWS's guidance for third-party roles). */
  readonly externalId?: string;
  /** Access role only. */
  readonly sessionDurationSeconds?: number;
  /** Static keys only. */
  readonly accessKeyId?: string;
  /** Secret fields only: the field names, never their values. */
  readonly secretFieldNames?: readonly string[];
  readonly addedAt: string;
  readonly addedBy: Actor;
  /** The last credentials update, if any. */
  readonly credentialsUpdated?: Stamp;
  /** Set once the provider is removed (removed providers stay listed for history). */
  readonly removed?: Stamp & { readonly shredded?: boolean };
}

/** A service the provider is linked to. */
export interface ServiceUsage {
  readonly app: string;
  readonly service: string;
  readonly linked: Stamp;
}

/** An instance the provider is linked to; no region means the whole stage (every region, and component services). */
export interface InstanceUsage {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
  readonly linked: Stamp;
}

/** The provider is the organization default for this type. */
export interface DefaultUsage {
  readonly type: string;
  readonly set: Stamp;
}

/** Where a provider is in use, each usage with the event that set it. */
export interface ProviderUsages {
  readonly services: readonly ServiceUsage[];
  readonly instances: readonly InstanceUsage[];
  readonly defaults: readonly DefaultUsage[];
}

/** Options of `ProviderCatalog.list`. */
export interface ListOptions {
  /** List removed providers too (default: only current ones). */
  readonly includeRemoved?: boolean;
}

/** A link as the catalog keeps it. */
export interface Link {
  readonly providerId: string;
  readonly scope: LinkScope;
  readonly linked: Stamp;
}

/** One org's part of the catalog. */
export interface OrgCatalog {
  readonly providers: Map<string, CatalogProvider>;
  /** Lower-cased name → id, current providers only. */
  readonly byName: Map<string, string>;
  /** slotKey(type, scope) → link. */
  readonly links: Map<string, Link>;
  /** provider id → its slot keys. */
  readonly slotsByProvider: Map<string, Set<string>>;
  /** type → default provider id and when it was set. */
  readonly defaults: Map<string, { readonly providerId: string; readonly set: Stamp }>;
}
