import { accountIdOfRoleArn, nameKey, type DeploymentProfileState, type OrgState } from '@providers/domain';
import { commandIdFor } from './command-ids.js';
import { planLinks, type KeptLink, type PlannedLink, type ServiceWithoutLink, type Target } from './plan-links.js';
import { defaultProviderIdFor } from './provider-ids.js';
import { freeProviderName, providerNameFor } from './provider-names.js';

/** What becomes of one profile. */
export type ProfileOutcome =
  | { readonly kind: 'create'; readonly providerId: string; readonly name: string; readonly roleArn: string; readonly accountId: string }
  | { readonly kind: 'reuse'; readonly providerId: string; readonly name: string; readonly roleArn: string }
  | { readonly kind: 'skip'; readonly reason: string };

/** One profile's part of the migration, executed in this order: provider, links, marker. */
export interface ProfileStep {
  /** The profile as it was when the plan was made. */
  readonly profile: DeploymentProfileState;
  readonly outcome: ProfileOutcome;
  readonly add?: { readonly commandId: string; readonly pending: boolean };
  readonly links: readonly PlannedLink[];
  readonly mark: { readonly commandId: string; readonly pending: boolean; readonly reason?: string };
}

/** The whole migration of one org, computed from its state alone. */
export interface MigrationPlan {
  readonly orgId: string;
  /** In profile id order. */
  readonly profiles: readonly ProfileStep[];
  readonly linksKept: readonly KeptLink[];
  /** Deployed services that get no service link, with the reason. */
  readonly withoutServiceLink: readonly ServiceWithoutLink[];
}

/** How profiles map to provider ids. */
export interface PlanOptions {
  /** The id of the provider a profile becomes; must give the same id on every run. Default `defaultProviderIdFor`. */
  readonly providerIdFor?: (profile: DeploymentProfileState) => string;
}

const byProfileId = (a: DeploymentProfileState, b: DeploymentProfileState) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0);

const noRoleReason = (profile: DeploymentProfileState): string =>
  `deployment profile "${profile.name}" has no AWS access role ARN: its deployments used the deployer's own credentials, so no provider replaces it`;

/**
 * The migration of an org as a pure function of its state (the replay of its
 * events): which provider each profile becomes, which links (provider links,
 * and local-credentials links for stages whose profile has no role) carry its
 * stage mappings over (see planLinks), and what is already done. Running the plan and planning
 * again gives the same plan with nothing pending, which is what makes an
 * interrupted migration converge.
 */
export const planMigration = (state: OrgState, orgId: string, options: PlanOptions = {}): MigrationPlan => {
  const providerIdFor = options.providerIdFor ?? defaultProviderIdFor;
  const profiles = [...state.profiles.values()].sort(byProfileId);
  const ownIds = new Set(profiles.map((profile) => providerIdFor(profile)));
  const takenNames = new Set([...state.providers.values()].map((provider) => nameKey(provider.name)));
  // Providers the user added (not ones an earlier run made): the first with a role ARN is reused for it.
  const usersByArn = new Map<string, Target>();
  for (const provider of state.providers.values())
    if (!ownIds.has(provider.id) && provider.credentials.kind === 'aws-role' && !usersByArn.has(provider.credentials.roleArn))
      usersByArn.set(provider.credentials.roleArn, { id: provider.id, name: provider.name });
  const plannedByArn = new Map<string, Target>();
  const providerOfProfile = new Map<string, Target | null>();

  const outcomeOf = (profile: DeploymentProfileState): ProfileOutcome & { addPending?: boolean } => {
    const ownId = providerIdFor(profile);
    if (profile.migratedTo === null) return { kind: 'skip', reason: profile.roleArn ? 'skipped by an earlier migration' : noRoleReason(profile) };
    if (profile.migratedTo !== undefined) {
      const provider = state.providers.get(profile.migratedTo);
      if (!provider) return { kind: 'skip', reason: `migrated to provider ${profile.migratedTo}, which has been removed since` };
      const roleArn = profile.roleArn ?? '';
      return provider.id === ownId
        ? { kind: 'create', providerId: provider.id, name: provider.name, roleArn, accountId: accountIdOfRoleArn(roleArn) ?? '', addPending: false }
        : { kind: 'reuse', providerId: provider.id, name: provider.name, roleArn };
    }
    const roleArn = profile.roleArn;
    if (roleArn === undefined) return { kind: 'skip', reason: noRoleReason(profile) };
    const accountId = accountIdOfRoleArn(roleArn) ?? '';
    const own = state.providers.get(ownId);
    if (own) return { kind: 'create', providerId: own.id, name: own.name, roleArn, accountId, addPending: false };
    const existing = usersByArn.get(roleArn) ?? plannedByArn.get(roleArn);
    if (existing) return { kind: 'reuse', providerId: existing.id, name: existing.name, roleArn };
    const name = freeProviderName(providerNameFor(profile.name), takenNames);
    takenNames.add(nameKey(name));
    return { kind: 'create', providerId: ownId, name, roleArn, accountId, addPending: true };
  };

  const outcomes = profiles.map((profile) => {
    const outcome = outcomeOf(profile);
    if (outcome.kind !== 'skip' && !plannedByArn.has(outcome.roleArn)) plannedByArn.set(outcome.roleArn, { id: outcome.providerId, name: outcome.name });
    providerOfProfile.set(profile.profileId, outcome.kind === 'skip' ? null : { id: outcome.providerId, name: outcome.name });
    return { profile, outcome };
  });

  const { links, linksKept, withoutServiceLink } = planLinks(state, orgId, providerOfProfile);
  const steps = outcomes.map(({ profile, outcome: { addPending, ...outcome } }): ProfileStep => {
    const mark = { commandId: commandIdFor('migrate', orgId, 'mark', [profile.profileId]), pending: profile.migratedTo === undefined };
    return {
      profile: { ...profile },
      outcome,
      ...(outcome.kind === 'create' ? { add: { commandId: commandIdFor('migrate', orgId, 'add', [profile.profileId]), pending: addPending === true } } : {}),
      links: links.get(profile.profileId) ?? [],
      mark:
        outcome.kind === 'skip'
          ? { ...mark, reason: outcome.reason }
          : outcome.kind === 'reuse'
            ? { ...mark, reason: `reuses provider "${outcome.name}", which has the same role ARN` }
            : mark,
    };
  });
  return { orgId, profiles: steps, linksKept, withoutServiceLink };
};
