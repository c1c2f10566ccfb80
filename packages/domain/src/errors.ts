import type { ActorRole } from './actor.js';
import type { PinScope } from './pin-scope.js';
import type { Scope } from './scope.js';

/** A pin as a rejection names it: where, and the accounts it allows. */
export interface PinNamed {
  readonly scope: PinScope;
  readonly accountIds: readonly string[];
}

/** Where a provider is in use: what blocks its removal. */
export type Usage =
  | { readonly kind: 'service'; readonly app: string; readonly service: string }
  | { readonly kind: 'instance'; readonly app: string; readonly service: string; readonly stage: string; readonly region?: string }
  | { readonly kind: 'default'; readonly type: string };

/** A rejection by a rule of the domain. Every error names the field it is about. */
export type DomainError =
  | { readonly _tag: 'InvalidInput'; readonly field: string; readonly rule: string; readonly message: string }
  | { readonly _tag: 'PermissionDenied'; readonly field: 'actor.role'; readonly role: ActorRole; readonly allowed: readonly ActorRole[]; readonly message: string }
  | { readonly _tag: 'ProviderNotFound'; readonly field: 'providerId'; readonly providerId: string; readonly message: string }
  | { readonly _tag: 'ProviderAlreadyExists'; readonly field: 'providerId'; readonly providerId: string; readonly message: string }
  | { readonly _tag: 'ProviderNameTaken'; readonly field: 'name'; readonly name: string; readonly takenBy: string; readonly message: string }
  | { readonly _tag: 'CredentialsDoNotFitType'; readonly field: 'credentials.kind'; readonly providerType: string; readonly kind: string; readonly message: string }
  | { readonly _tag: 'ScopeAlreadyLinked'; readonly field: 'replace'; readonly scope: Scope; readonly linkedProviderId: string; readonly message: string }
  | { readonly _tag: 'ScopeUsesLocalCredentials'; readonly field: 'replace'; readonly scope: Scope; readonly providerType: string; readonly message: string }
  | { readonly _tag: 'NothingLinked'; readonly field: 'providerType'; readonly scope: Scope; readonly message: string }
  | { readonly _tag: 'DefaultAlreadySet'; readonly field: 'replace'; readonly providerType: string; readonly defaultProviderId: string; readonly message: string }
  | { readonly _tag: 'NoDefaultProvider'; readonly field: 'providerType'; readonly providerType: string; readonly message: string }
  | { readonly _tag: 'ProviderInUse'; readonly field: 'force'; readonly providerId: string; readonly usages: readonly Usage[]; readonly message: string }
  | { readonly _tag: 'AccountNotAllowed'; readonly field: string; readonly scope: Scope; readonly pin: PinNamed; readonly providerId: string; readonly providerName: string; readonly accountId: string | null; readonly message: string }
  | { readonly _tag: 'AccountIdMismatch'; readonly field: 'accountId'; readonly declaredAccountId: string; readonly observedAccountId: string; readonly message: string }
  | { readonly _tag: 'AllowedAccountsEmpty'; readonly field: 'accountIds'; readonly scope: PinScope; readonly pins: readonly PinNamed[]; readonly message: string }
  | { readonly _tag: 'NoAccountPin'; readonly field: 'scope'; readonly scope: PinScope; readonly message: string }
  | { readonly _tag: 'DeploymentProfileNotFound'; readonly field: 'profileId'; readonly profileId: string; readonly message: string }
  | { readonly _tag: 'DeploymentProfileAlreadyExists'; readonly field: 'profileId'; readonly profileId: string; readonly message: string }
  | { readonly _tag: 'DeploymentProfileMigratedAlready'; readonly field: 'roleArn'; readonly profileId: string; readonly providerId: string | null; readonly message: string };

/** The `_tag` of a domain rejection. */
export type DomainErrorTag = DomainError['_tag'];

/** Tells a domain rejection from anything else a caller may catch. */
export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && typeof (value as { _tag?: unknown })._tag === 'string' && 'field' in value && 'message' in value;
