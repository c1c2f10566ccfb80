import type { Actor, ProviderCredentials } from '@providers/domain';

/** What happened, one action per event of the provider model. */
export type AuditAction =
  | 'provider-added'
  | 'provider-renamed'
  | 'credentials-updated'
  | 'provider-removed'
  | 'default-set'
  | 'default-cleared'
  | 'linked'
  | 'unlinked'
  | 'local-linked'
  | 'local-unlinked'
  | 'account-pinned'
  | 'account-pin-removed'
  | 'profile-migrated';

/** Every audit action, in the order of the list above. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'provider-added',
  'provider-renamed',
  'credentials-updated',
  'provider-removed',
  'default-set',
  'default-cleared',
  'linked',
  'unlinked',
  'local-linked',
  'local-unlinked',
  'account-pinned',
  'account-pin-removed',
  'profile-migrated',
];

/**
 * Where a fact applies. `key` is the resolution chain's key: `app/service`,
 * `app/service/stage`, `app/service/stage/region`, `org/<type>` for a default, or `org`
 * for an account pin of the whole organization.
 */
export interface AuditScope {
  readonly kind: 'service' | 'stage' | 'instance' | 'org-default' | 'org';
  readonly key: string;
  readonly app?: string;
  readonly service?: string;
  readonly stage?: string;
  readonly region?: string;
}

/**
 * One fact of the audit trail. Names and accounts are those of that moment,
 * so the trail says which AWS account was linked even after a later rename or
 * credentials change. It never holds a secret value.
 */
export interface AuditFact {
  /** When it occurred (ISO time). */
  readonly at: string;
  readonly actor: Actor;
  readonly action: AuditAction;
  readonly orgId: string;
  /**
   * The provider the fact is about; null for a local-credentials link (its
   * `providerType` says for which vendor), for an account pin, and for a
   * deployment profile skipped by the migration.
   */
  readonly providerId: string | null;
  readonly providerName: string | null;
  readonly providerType: string | null;
  /** The provider's account at that moment (null when it has none, e.g. a vendor's secret fields). */
  readonly accountId: string | null;
  /** Links, unlinks, defaults and account pins; null for facts about the provider itself. */
  readonly scope: AuditScope | null;
  /** Global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
  readonly commandId: string;
  /** The provider a link or default replaced, with its name and account at that moment. */
  readonly replacedProviderId?: string;
  readonly replacedProviderName?: string;
  readonly replacedAccountId?: string;
  /** `linked`: the link replaced a local-credentials link. */
  readonly replacedLocalCredentials?: true;
  /** `provider-renamed`: the name before. */
  readonly previousName?: string;
  /** `credentials-updated`: the account before, when it changed. */
  readonly previousAccountId?: string;
  /** `provider-added` and `credentials-updated`: the kind of credentials (never their values). */
  readonly credentialsKind?: ProviderCredentials['kind'];
  /** `provider-removed`: its secrets were shredded (their data key deleted). */
  readonly shredded?: boolean;
  /** `account-pinned`: the accounts the scope is pinned to; `account-pin-removed`: those it was pinned to. */
  readonly accountIds?: readonly string[];
  /** `provider-added` and `credentials-updated`: STS observed the static keys' account (GetCallerIdentity), not only declared. */
  readonly accountObserved?: true;
  /** `profile-migrated`: the legacy deployment profile, and why it was skipped when it was. */
  readonly profileId?: string;
  /** `profile-migrated`: why a profile was skipped; `account-pinned` and `account-pin-removed`: the admin's reason. */
  readonly reason?: string;
}
