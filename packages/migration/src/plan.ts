import {
  accountIdOfRoleArn,
  nameKey,
  slotKey,
  type DeploymentProfileState,
  type LinkState,
  type OrgState,
} from '@providers/domain';
import { commandIdFor } from './command-ids.js';
import { DEFAULT_STAGE } from './legacy-export.js';
import { defaultProviderIdFor } from './provider-ids.js';
import { freeProviderName, providerNameFor } from './provider-names.js';

/** A link the migration makes (or made on an earlier run). */
export interface MigrationLink {
  /** `service` for (app, service); `stage` for (app, service, stage) in every region. */
  readonly scope: 'service' | 'stage';
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  readonly providerId: string;
  readonly profileId: string;
  /** Which stage mapping it carries over: the app's `default` one, or the stage's own. */
  readonly from: 'default' | 'stage';
}

/** A link the migration wanted, where the scope holds a link already: it is kept, never replaced. */
export interface KeptLink extends MigrationLink {
  /** The provider linked there, or null where the scope is set to local credentials. */
  readonly linkedProviderId: string | null;
  readonly reason: string;
}

/**
 * A service link that is not made because it would change where a stage
 * resolves: the stage maps to a profile without a role (deployments there use
 * the deployer's own credentials), and a service link would hand it the
 * default profile's account. The service's deployed stages that used the
 * default get stage links instead.
 */
export interface WithheldServiceLink {
  readonly app: string;
  readonly service: string;
  readonly providerId: string;
  readonly profileId: string;
  /** The stages that map to a profile without a role. */
  readonly stages: readonly string[];
  readonly reason: string;
}

/** What becomes of one profile. */
export type ProfileOutcome =
  | { readonly kind: 'create'; readonly providerId: string; readonly name: string; readonly roleArn: string; readonly accountId: string }
  | { readonly kind: 'reuse'; readonly providerId: string; readonly name: string; readonly roleArn: string }
  | { readonly kind: 'skip'; readonly reason: string };

/** A planned link and its command; `pending` is false once an earlier run made it. */
export interface PlannedLink extends MigrationLink {
  readonly commandId: string;
  readonly pending: boolean;
}

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
  readonly withheld: readonly WithheldServiceLink[];
}

/** How profiles map to provider ids. */
export interface PlanOptions {
  /** The id of the provider a profile becomes; must give the same id on every run. Default `defaultProviderIdFor`. */
  readonly providerIdFor?: (profile: DeploymentProfileState) => string;
}

interface Target {
  readonly id: string;
  readonly name: string;
}

const byProfileId = (a: DeploymentProfileState, b: DeploymentProfileState) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0);

const noRoleReason = (profile: DeploymentProfileState): string =>
  `deployment profile "${profile.name}" has no AWS access role ARN: its deployments used the deployer's own credentials, so no provider replaces it`;

/**
 * The migration of an org as a pure function of its state (the replay of its
 * events): which provider each profile becomes, which links carry its stage
 * mappings over, and what is already done. Running the plan and planning
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

  const { links, linksKept, withheld } = planLinks(state, orgId, providerOfProfile);
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
  return { orgId, profiles: steps, linksKept, withheld };
};

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The links that carry the stage mappings over, for every service that has
 * been deployed. The legacy answer for (app, stage) is the profile of the
 * stage, else the profile of the app's `default`; the profile's role, if it
 * has one, else the deployer's own credentials.
 *
 * A service gets a stage link for each stage it was deployed to and for each
 * stage its app maps, deployed or not: the legacy model answered per app
 * stage, so a known service deployed later to a mapped stage must land in
 * that stage's account, not inherit the service link.
 */
const planLinks = (state: OrgState, orgId: string, providerOfProfile: ReadonlyMap<string, Target | null>) => {
  const mappedStages = new Map<string, string[]>();
  for (const key of state.stageProfiles.keys()) {
    const slash = key.indexOf('/');
    const app = key.slice(0, slash);
    const stage = key.slice(slash + 1);
    if (stage === DEFAULT_STAGE) continue;
    let stages = mappedStages.get(app);
    if (!stages) mappedStages.set(app, (stages = []));
    stages.push(stage);
  }
  const services = new Map<string, { app: string; service: string; stages: Set<string> }>();
  for (const instance of state.deployedInstances.values()) {
    const key = `${instance.app}/${instance.service}`;
    let entry = services.get(key);
    if (!entry) services.set(key, (entry = { app: instance.app, service: instance.service, stages: new Set() }));
    entry.stages.add(instance.stage);
  }
  const links = new Map<string, PlannedLink[]>();
  const linksKept: KeptLink[] = [];
  const withheld: WithheldServiceLink[] = [];

  const commandIdOf = (link: MigrationLink) =>
    link.scope === 'service'
      ? commandIdFor('migrate', orgId, 'service', [link.app, link.service, link.providerId])
      : commandIdFor('migrate', orgId, 'stage', [link.app, link.service, link.stage!, link.providerId]);
  /** The link its scope holds, when that link is not this migration's own. */
  const othersLink = (link: MigrationLink, commandId = commandIdOf(link)) => {
    const scope: LinkState['scope'] =
      link.scope === 'service'
        ? { kind: 'service', app: link.app, service: link.service }
        : { kind: 'stage', app: link.app, service: link.service, stage: link.stage! };
    return state.commandIds.has(commandId) ? undefined : state.links.get(slotKey('aws', scope));
  };

  const plan = (link: MigrationLink) => {
    const commandId = commandIdOf(link);
    const current = othersLink(link, commandId);
    if (current) {
      const linked = current.providerId === null ? undefined : state.providers.get(current.providerId);
      linksKept.push({
        ...link,
        linkedProviderId: current.providerId,
        reason:
          current.providerId === link.providerId
            ? 'already linked to this provider'
            : current.providerId === null
              ? 'set to local credentials; the migration never replaces a link'
              : `already linked to provider "${linked?.name ?? current.providerId}"; the migration never replaces a link`,
      });
      return;
    }
    let list = links.get(link.profileId);
    if (!list) links.set(link.profileId, (list = []));
    list.push({ ...link, commandId, pending: !state.commandIds.has(commandId) });
  };

  for (const { app, service, stages } of [...services.values()].sort((a, b) => compareKeys(`${a.app}/${a.service}`, `${b.app}/${b.service}`))) {
    const defaultProfileId = state.stageProfiles.get(`${app}/${DEFAULT_STAGE}`);
    const defaultProvider = defaultProfileId === undefined ? null : (providerOfProfile.get(defaultProfileId) ?? null);
    const sortedStages = [...new Set([...stages, ...(mappedStages.get(app) ?? [])])].sort(compareKeys);
    const mapped = sortedStages.map((stage) => ({ stage, profileId: state.stageProfiles.get(`${app}/${stage}`) }));
    const withoutRole = mapped.filter(({ profileId }) => profileId !== undefined && !providerOfProfile.get(profileId)).map(({ stage }) => stage);
    if (defaultProvider && defaultProfileId !== undefined) {
      const fromDefault = { providerId: defaultProvider.id, profileId: defaultProfileId, from: 'default' } as const;
      const serviceLink = { scope: 'service', app, service, ...fromDefault } as const;
      // A service link someone else made already answers for the stages that used the default: it is kept, and nothing stands in for it.
      if (withoutRole.length === 0 || othersLink(serviceLink)) plan(serviceLink);
      else {
        withheld.push({
          app,
          service,
          providerId: defaultProvider.id,
          profileId: defaultProfileId,
          stages: withoutRole,
          reason: `stage${withoutRole.length > 1 ? 's' : ''} ${withoutRole.join(', ')} of ${app} map${withoutRole.length > 1 ? '' : 's'} to a profile without a role (deployments there use the deployer's own credentials); a service link would send ${withoutRole.length > 1 ? 'them' : 'it'} to "${defaultProvider.name}", so only the deployed stages that used the default get stage links, and stages first deployed later resolve without it`,
        });
        for (const { stage, profileId } of mapped) if (profileId === undefined) plan({ scope: 'stage', app, service, stage, ...fromDefault });
      }
    }
    for (const { stage, profileId } of mapped) {
      const provider = profileId === undefined ? null : providerOfProfile.get(profileId);
      if (provider && profileId !== undefined) plan({ scope: 'stage', app, service, stage, providerId: provider.id, profileId, from: 'stage' });
    }
  }
  return { links, linksKept, withheld };
};
