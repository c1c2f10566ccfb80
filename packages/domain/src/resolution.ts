import type { ProviderCredentials } from './credentials.js';
import { scopeKey, type Scope, type ScopeKind } from './scope.js';

/** The deployment a resolution is for: where it runs and which vendor's credentials it wants. */
export interface DeploymentTarget {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
  /** The vendor; `aws` unless said. */
  readonly type?: string;
}

/** Which credentials does this deployment of this org use? */
export interface ResolveRequest extends DeploymentTarget {
  readonly orgId: string;
}

/** The vendor a request means when it names none. */
export const DEFAULT_PROVIDER_TYPE = 'aws';

/** The event that set a scope: who, when, where in the log. */
export interface SetBy {
  readonly actor: string;
  readonly at: string;
  /** Global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/**
 * What a scope holds, and the event that put it there: a provider, or (a
 * null providerId) a local-credentials link, "the deployer's own credentials
 * here, on purpose".
 */
export interface ScopeEntry {
  readonly providerId: string | null;
  readonly setBy: SetBy;
}

/** What an org default holds: always a provider. */
export interface ProviderEntry extends ScopeEntry {
  readonly providerId: string;
}

/** One scope looked at while resolving, and what it holds. */
export interface ChainLink {
  readonly scope: ScopeKind;
  readonly key: string;
  readonly providerId: string | null;
  readonly setBy: SetBy | null;
  /** Present when the scope holds a local-credentials link (providerId is then null). */
  readonly local?: true;
}

/** The provider a resolution found, with its (sealed) credentials. */
export interface ResolvedProvider {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly accountId?: string;
  readonly credentials: ProviderCredentials;
}

/** Where an answer came from: the scope that held it, or none. */
export type ResolutionSource = ScopeKind | 'none';

/**
 * The answer, where it came from, and why. A local-credentials link answers
 * with its scope as `source`, no provider and `local: true`: the deployer's
 * own credentials, on purpose. `source: 'none'` is no answer at all.
 */
export interface Resolution {
  readonly source: ResolutionSource;
  readonly provider: ResolvedProvider | null;
  /** Present when a local-credentials link answered. */
  readonly local?: true;
  /** Every scope from the most specific to the org default, in the order they are looked at. */
  readonly chain: readonly ChainLink[];
}

/**
 * What resolving needs to know of one org, whatever its layout: the org state
 * and the all-orgs resolution index both answer it, so both answer by the
 * same rule.
 */
export interface ScopeLookup {
  /** What a scope holds for a provider type, if anything. */
  entryAt(providerType: string, scope: Scope): ScopeEntry | undefined;
  /** A provider of the org by id; a removed one is not found. */
  provider(providerId: string): ResolvedProvider | undefined;
}

/**
 * The scopes a deployment is resolved over, from the most specific to the
 * least: its instance (when it names a region), its stage, its service, the
 * org default.
 */
export const scopesOf = ({ app, service, stage, region }: DeploymentTarget): readonly Scope[] => {
  const wider: Scope[] = [{ kind: 'stage', app, service, stage }, { kind: 'service', app, service }, { kind: 'org-default' }];
  return region === undefined ? wider : [{ kind: 'instance', app, service, stage, region }, ...wider];
};

/**
 * The precedence, once: instance link → stage link → service link → org
 * default → none. The first scope that holds a local-credentials link or a
 * provider still in the org answers; every scope is in the chain, so a
 * caller can see what was passed over and who set it.
 */
export const resolveFrom = (lookup: ScopeLookup, target: DeploymentTarget): Resolution => {
  const type = target.type ?? DEFAULT_PROVIDER_TYPE;
  const chain = scopesOf(target).map((scope): ChainLink => {
    const entry = lookup.entryAt(type, scope);
    return {
      scope: scope.kind,
      key: scope.kind === 'org-default' ? `org/${type}` : scopeKey(scope),
      providerId: entry?.providerId ?? null,
      setBy: entry?.setBy ?? null,
      ...(entry && entry.providerId === null ? { local: true as const } : {}),
    };
  });
  for (const link of chain) {
    if (link.local) return { source: link.scope, provider: null, local: true, chain };
    const provider = link.providerId === null ? undefined : lookup.provider(link.providerId);
    if (provider) return { source: link.scope, provider, chain };
  }
  return { source: 'none', provider: null, chain };
};
