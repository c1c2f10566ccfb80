import type { PinState } from './account-pins.js';
import type { ProviderCredentials } from './credentials.js';
import type { DeployedInstance, DeploymentProfileState } from './legacy-state.js';
import type { ProviderEntry, ScopeEntry } from './resolution.js';
import type { LinkScope } from './scope.js';

/** A provider of the org as the rules see it; its secrets stay sealed. */
export interface ProviderState {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly credentials: ProviderCredentials;
  readonly accountId?: string;
  /** Static keys: STS observed `accountId` for them (else it was only declared, and pins do not trust it). */
  readonly accountObserved?: true;
}

/**
 * A provider linked to a service, stage or instance (org defaults are kept
 * apart), or a local-credentials link there (providerId null), and who set it.
 */
export interface LinkState extends ScopeEntry {
  readonly providerType: string;
  readonly scope: LinkScope;
}

/**
 * Everything the organization decider needs to decide, folded from the org's
 * stream. Its maps are mutated by `evolve` (see evolve.ts for why).
 */
export interface OrgState {
  /** The number of events folded in: the stream revision this state was decided on. */
  revision: number;
  /** The global position of the last event folded in (0n: none). */
  position: bigint;
  readonly providers: Map<string, ProviderState>;
  /** Ids of removed providers: an id is never reused, so history stays unambiguous. */
  readonly removedProviderIds: Set<string>;
  /** Lower-cased provider name → provider id. */
  readonly providerIdsByName: Map<string, string>;
  /** slotKey(type, scope) → link: a provider's, or local credentials. One per slot either way. */
  readonly links: Map<string, LinkState>;
  /** provider id → the slot keys it is linked at (local-credentials links are no provider's). */
  readonly slotsByProvider: Map<string, Set<string>>;
  /** provider type → the default provider, and who set it. */
  readonly defaults: Map<string, ProviderEntry>;
  /** pinKey(scope) → the account pin in force there. */
  readonly pins: Map<string, PinState>;
  /**
   * Ids of the last COMMAND_ID_WINDOW commands decided, oldest first, for
   * idempotency: a command sent again while its id is here appends nothing.
   */
  readonly commandIds: Set<string>;
  readonly profiles: Map<string, DeploymentProfileState>;
  /** `app/stage` (stage may be `default`) → profile id. */
  readonly stageProfiles: Map<string, string>;
  /** `app/service/stage[/region]` → the deployed instance. */
  readonly deployedInstances: Map<string, DeployedInstance>;
}

/**
 * How many command ids the state remembers. Idempotency is for retries: a
 * sender that did not learn the outcome (a timeout, a crash, a lost reply)
 * sends the same command again, within seconds or minutes, and the command
 * handler re-decides a conflicted append with the same id at once. 10,000
 * later commands of the same org is far beyond that window, while a million
 * events of history no longer means a million ids in memory and in every
 * snapshot. Past the window a repeat is decided afresh against the state,
 * where most commands are idempotent by themselves (linking what is linked,
 * setting the default it is, renaming to its name change nothing; adding an
 * id that exists or existed, removing what is gone are rejected), so even a
 * very late repeat cannot duplicate a provider.
 */
export const COMMAND_ID_WINDOW = 10_000;

/** The state of an organization with no history. */
export const initialState = (): OrgState => ({
  revision: 0,
  position: 0n,
  providers: new Map(),
  removedProviderIds: new Set(),
  providerIdsByName: new Map(),
  links: new Map(),
  slotsByProvider: new Map(),
  defaults: new Map(),
  pins: new Map(),
  commandIds: new Set(),
  profiles: new Map(),
  stageProfiles: new Map(),
  deployedInstances: new Map(),
});

/** Names are unique in an org regardless of case. */
export const nameKey = (name: string): string => name.toLowerCase();

/** A provider by id, or by name regardless of case. */
export const findProvider = (state: OrgState, idOrName: string): ProviderState | undefined =>
  state.providers.get(idOrName) ?? state.providers.get(state.providerIdsByName.get(nameKey(idOrName)) ?? '');
