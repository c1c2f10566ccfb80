import { slotKey, type LinkScope, type OrgState } from '@providers/domain';
import { commandIdFor } from './command-ids.js';
import { DEFAULT_STAGE } from './legacy-export.js';

/** A provider a profile becomes: its id and name. */
export interface Target {
  readonly id: string;
  readonly name: string;
}

/**
 * A link the migration makes (or made on an earlier run), and why: a
 * provider's, or (providerId null) local credentials, where a stage's
 * profile has no role and its deployments used the deployer's own.
 */
export interface MigrationLink {
  /** `service` for (app, service); `stage` for (app, service, stage) in every region. */
  readonly scope: 'service' | 'stage';
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  /** The provider linked; null for a local-credentials link. */
  readonly providerId: string | null;
  readonly profileId: string;
  /** Which stage mapping it carries over: the app's `default` one, or the stage's own. */
  readonly from: 'default' | 'stage';
  readonly reason: string;
}

/** A link the migration wanted, where the scope holds a link already: it is kept, never replaced. */
export interface KeptLink extends MigrationLink {
  /** The provider linked there, or null where the scope is set to local credentials. */
  readonly linkedProviderId: string | null;
  readonly reason: string;
}

/** A deployed service that gets no service link, and why: its app's `default` stage maps to no profile with a role. */
export interface ServiceWithoutLink {
  readonly app: string;
  readonly service: string;
  /** The profile the app's default maps to, if any. */
  readonly profileId?: string;
  readonly reason: string;
}

/** A planned link and its command; `pending` is false once an earlier run made it. */
export interface PlannedLink extends MigrationLink {
  readonly commandId: string;
  readonly pending: boolean;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const scopeOf = (link: MigrationLink): LinkScope =>
  link.scope === 'service' ? { kind: 'service', app: link.app, service: link.service } : { kind: 'stage', app: link.app, service: link.service, stage: link.stage! };

const commandIdOf = (orgId: string, link: MigrationLink): string =>
  link.providerId === null
    ? commandIdFor('migrate', orgId, 'local', [link.app, link.service, link.stage!])
    : link.scope === 'service'
      ? commandIdFor('migrate', orgId, 'service', [link.app, link.service, link.providerId])
      : commandIdFor('migrate', orgId, 'stage', [link.app, link.service, link.stage!, link.providerId]);

/** Why a scope's link is kept instead of the one the migration wanted. */
const keptReason = (state: OrgState, wanted: string | null, linked: string | null): string => {
  if (linked === wanted) return linked === null ? 'already set to local credentials' : 'already linked to this provider';
  if (linked === null) return 'set to local credentials; the migration never replaces a link';
  return `already linked to provider "${state.providers.get(linked)?.name ?? linked}"; the migration never replaces a link`;
};

/** The apps' mapped stages (not `default`), by app. */
const mappedStagesOf = (state: OrgState): Map<string, string[]> => {
  const mapped = new Map<string, string[]>();
  for (const key of state.stageProfiles.keys()) {
    const slash = key.indexOf('/');
    const stage = key.slice(slash + 1);
    if (stage === DEFAULT_STAGE) continue;
    const app = key.slice(0, slash);
    let stages = mapped.get(app);
    if (!stages) mapped.set(app, (stages = []));
    stages.push(stage);
  }
  for (const stages of mapped.values()) stages.sort(compareKeys);
  return mapped;
};

/** The deployed services, as `[app, service]`, sorted. */
const servicesOf = (state: OrgState): [string, string][] => {
  const keys = new Set<string>();
  for (const instance of state.deployedInstances.values()) keys.add(`${instance.app}/${instance.service}`);
  return [...keys].sort(compareKeys).map((key) => key.split('/') as [string, string]);
};

/**
 * The links that carry the stage mappings over, for every deployed service,
 * so that every deployment resolves as it did. The legacy answer for (app,
 * stage) is the profile of the stage, else the profile of the app's
 * `default`: that profile's role, or the deployer's own credentials when it
 * has none. So:
 *
 * - the service gets a link to the provider of the default's profile when
 *   that profile has a role: every stage without a mapping of its own, ever
 *   deployed or not, keeps using it;
 * - each mapped stage whose profile has a role gets a stage link to it;
 * - each mapped stage whose profile has no role gets a local-credentials
 *   link, so that the service link does not reach it.
 *
 * When the default's profile has no role (or there is no default), no service
 * link is made: the stages without a mapping resolve to none, the deployer's
 * own credentials, as they did.
 */
export const planLinks = (state: OrgState, orgId: string, providerOfProfile: ReadonlyMap<string, Target | null>) => {
  const links = new Map<string, PlannedLink[]>();
  const linksKept: KeptLink[] = [];
  const withoutServiceLink: ServiceWithoutLink[] = [];

  const plan = (link: MigrationLink) => {
    const commandId = commandIdOf(orgId, link);
    const own = state.commandIds.has(commandId);
    const current = own ? undefined : state.links.get(slotKey('aws', scopeOf(link)));
    if (current) return void linksKept.push({ ...link, linkedProviderId: current.providerId, reason: keptReason(state, link.providerId, current.providerId) });
    let list = links.get(link.profileId);
    if (!list) links.set(link.profileId, (list = []));
    list.push({ ...link, commandId, pending: !own });
  };

  const profileName = (profileId: string) => `profile "${state.profiles.get(profileId)?.name ?? profileId}" (${profileId})`;
  const mappedStages = mappedStagesOf(state);
  for (const [app, service] of servicesOf(state)) {
    const defaultProfileId = state.stageProfiles.get(`${app}/${DEFAULT_STAGE}`);
    const defaultProvider = defaultProfileId === undefined ? null : (providerOfProfile.get(defaultProfileId) ?? null);
    if (defaultProvider && defaultProfileId !== undefined)
      plan({
        scope: 'service',
        app,
        service,
        providerId: defaultProvider.id,
        profileId: defaultProfileId,
        from: 'default',
        reason: `${app}'s default stage maps to ${profileName(defaultProfileId)}: every stage without a mapping of its own deployed with its role`,
      });
    else
      withoutServiceLink.push({
        app,
        service,
        ...(defaultProfileId !== undefined ? { profileId: defaultProfileId } : {}),
        reason:
          defaultProfileId === undefined
            ? `${app} maps no default stage: stages without a mapping of their own deployed with the deployer's own credentials, and still do`
            : `${app}'s default stage maps to ${profileName(defaultProfileId)}, which becomes no provider: stages without a mapping of their own deployed with the deployer's own credentials, and still do`,
      });
    for (const stage of mappedStages.get(app) ?? []) {
      const profileId = state.stageProfiles.get(`${app}/${stage}`)!;
      const provider = providerOfProfile.get(profileId);
      const mapping = { scope: 'stage', app, service, stage, profileId, from: 'stage' } as const;
      if (provider) plan({ ...mapping, providerId: provider.id, reason: `stage ${stage} of ${app} maps to ${profileName(profileId)}` });
      else if (state.profiles.get(profileId)?.roleArn === undefined)
        plan({
          ...mapping,
          providerId: null,
          reason: `stage ${stage} of ${app} maps to ${profileName(profileId)}, which has no role: its deployments used the deployer's own credentials, and a service link must not reach it`,
        });
    }
  }
  return { links, linksKept, withoutServiceLink };
};
