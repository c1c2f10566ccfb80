import { allowedAccounts, pinsAlong, trustedAccountOf, type PinState } from './account-pins.js';
import type { ProviderCredentials } from './credentials.js';
import { pinKey, pinScopeOf, type PinScope } from './pin-scope.js';
import { scopeKey, scopesUpTo, type Scope, type ScopeKind } from './scope.js';

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
  /** Static keys: STS observed `accountId` for them (else it was only declared). */
  readonly accountObserved?: true;
  readonly credentials: ProviderCredentials;
}

/** Where an answer came from: the scope that held it, or none. */
export type ResolutionSource = ScopeKind | 'none';

/** An account pin on a deployment's chain, and the event that set it. */
export interface PinOnChain {
  readonly scope: PinScope['kind'];
  /** `org`, or the scope's key (`app/service[/stage[/region]]`). */
  readonly key: string;
  readonly accountIds: readonly string[];
  readonly reason: string;
  readonly setBy: SetBy;
}

/**
 * What the account pins make of an AWS answer: `unpinned` (no pin on the
 * chain, or not an AWS request), `passed` (the provider's account is allowed),
 * `refused` (it is not, or it is unknown: nothing may be handed out),
 * `no-provider` (pinned, and nothing resolved: whoever hands out local
 * credentials there must check their account).
 */
export type AccountCheck = 'unpinned' | 'passed' | 'refused' | 'no-provider';

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
  /** The account pins on the chain, from the most specific to the org's. */
  readonly pins: readonly PinOnChain[];
  /** The accounts the deployment may use: the intersection of the pins; null when no pin applies. */
  readonly allowedAccountIds: readonly string[] | null;
  readonly accountCheck: AccountCheck;
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
  /** The account pin at a scope, if any. */
  pinAt(scope: PinScope): PinState | undefined;
  /** Whether the org has any account pin at all: most have none, and resolving then skips the pin walk. */
  readonly hasPins: boolean;
}

const ORG_DEFAULT: Scope = Object.freeze({ kind: 'org-default' });

/** The scopes resolving looks at from one scope on: it, then each wider one, up to the org default. */
export const scopesFrom = (scope: Scope): readonly Scope[] => (scope.kind === 'org-default' ? [scope] : scopesUpTo(scope, ORG_DEFAULT));

/**
 * The scopes a deployment is resolved over, from the most specific to the
 * least: its instance (when it names a region), its stage, its service, the
 * org default.
 */
export const scopesOf = ({ app, service, stage, region }: DeploymentTarget): readonly Scope[] =>
  scopesFrom(region === undefined ? { kind: 'stage', app, service, stage } : { kind: 'instance', app, service, stage, region });

/** One scope of the chain, as an object of one shape whichever way it is filled (resolving builds millions). */
const chainLink = (scope: Scope, type: string, entry: ScopeEntry | undefined): ChainLink => {
  const key = scope.kind === 'org-default' ? `org/${type}` : scopeKey(scope);
  if (entry === undefined) return { scope: scope.kind, key, providerId: null, setBy: null };
  return entry.providerId === null
    ? { scope: scope.kind, key, providerId: null, setBy: entry.setBy, local: true }
    : { scope: scope.kind, key, providerId: entry.providerId, setBy: entry.setBy };
};

/**
 * The precedence, once: over scopes from the most specific to the least, the
 * first that holds a local-credentials link or a provider still in the org
 * answers. Every scope is in the chain, so a caller can see what was passed
 * over and who set it.
 */
export const resolveOver = (lookup: ScopeLookup, type: string, scopes: readonly Scope[]): Pick<Resolution, 'source' | 'provider' | 'local' | 'chain'> => {
  const chain = scopes.map((scope) => chainLink(scope, type, lookup.entryAt(type, scope)));
  for (const link of chain) {
    if (link.local) return { source: link.scope, provider: null, local: true, chain };
    const provider = link.providerId === null ? undefined : lookup.provider(link.providerId);
    if (provider) return { source: link.scope, provider, chain };
  }
  return { source: 'none', provider: null, chain };
};

const checkOf = (type: string, provider: ResolvedProvider | null, allowed: readonly string[] | null): AccountCheck => {
  if (allowed === null || type !== DEFAULT_PROVIDER_TYPE) return 'unpinned';
  if (provider === null) return 'no-provider';
  const accountId = trustedAccountOf(provider);
  return accountId !== null && allowed.includes(accountId) ? 'passed' : 'refused';
};

const NO_PINS: readonly PinOnChain[] = Object.freeze([]);

/**
 * Which provider a deployment uses: instance link → stage link → service
 * link → org default → none, with the chain looked at, the account pins on
 * it, the accounts they allow, and whether the answer's account is one of them.
 */
export const resolveFrom = (lookup: ScopeLookup, target: DeploymentTarget): Resolution => {
  const type = target.type ?? DEFAULT_PROVIDER_TYPE;
  const scopes = scopesOf(target);
  const { source, provider, local, chain } = resolveOver(lookup, type, scopes);
  const pins = lookup.hasPins
    ? pinsAlong((scope) => lookup.pinAt(scope), pinScopeOf(scopes[0]!)).map(
        (pin): PinOnChain => ({ scope: pin.scope.kind, key: pinKey(pin.scope), accountIds: pin.accountIds, reason: pin.reason, setBy: pin.setBy }),
      )
    : NO_PINS;
  const allowedAccountIds = allowedAccounts(pins);
  const accountCheck = checkOf(type, provider, allowedAccountIds);
  // Literals of one shape each, not spreads: resolving is the hot path of every deployment.
  return local
    ? { source, provider, local, chain, pins, allowedAccountIds, accountCheck }
    : { source, provider, chain, pins, allowedAccountIds, accountCheck };
};
