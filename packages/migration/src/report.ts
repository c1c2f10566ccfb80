import type { SkippedLink } from './pinned-links.js';
import type { KeptLink, MigrationLink, ServiceWithoutLink } from './plan-links.js';
import type { MigrationPlan } from './plan.js';
import { providerNameFor } from './provider-names.js';

/** What the migration of an org does (dry run) or did: the same for both, but for `eventsAppended`. */
export interface MigrationReport {
  readonly orgId: string;
  readonly providersCreated: readonly {
    readonly profileId: string;
    readonly providerId: string;
    readonly name: string;
    readonly roleArn: string;
    readonly accountId: string;
  }[];
  readonly providersReused: readonly { readonly profileId: string; readonly providerId: string; readonly name: string; readonly roleArn: string }[];
  /** Providers whose name is not their profile's, with the reason: not a valid provider name, or taken by another provider. */
  readonly renamed: readonly { readonly profileId: string; readonly profile: string; readonly name: string; readonly reason: string }[];
  /** Service, stage and local-credentials links (providerId null), each with its reason. */
  readonly links: readonly MigrationLink[];
  readonly linksKept: readonly KeptLink[];
  /** Links not made because an account pin excludes their provider's account where they would serve, each with the pin and the account. */
  readonly linksSkipped: readonly SkippedLink[];
  /** Deployed services that get no service link, with the reason. */
  readonly withoutServiceLink: readonly ServiceWithoutLink[];
  readonly skipped: readonly { readonly profileId: string; readonly reason: string }[];
  /** Commands still to run when the plan was made: 0 once an org is fully migrated. */
  readonly commandsPending: number;
  readonly eventsAppended: number;
}

/** The number of commands a plan still has to run. */
export const pendingCommandsOf = (plan: MigrationPlan): number =>
  plan.profiles.reduce(
    (sum, step) => sum + (step.add?.pending ? 1 : 0) + step.links.filter((link) => link.pending).length + (step.mark.pending ? 1 : 0),
    0,
  );

const withoutCommand = ({ commandId: _commandId, pending: _pending, ...link }: MigrationLink & { commandId: string; pending: boolean }): MigrationLink =>
  link;

// A profile name is first made into a valid provider name, then suffixed if that name is taken: either step, or both, renames it.
const renameReason = (profile: string, name: string): string => {
  const valid = providerNameFor(profile);
  const invalid = valid !== profile ? `"${profile}" is not a valid provider name` : undefined;
  const taken = valid !== name ? `the name "${valid}" was taken` : undefined;
  return [invalid, taken].filter((part) => part !== undefined).join(', and ');
};

/** What a run learnt beside its plan: links found taken or pinned only when they were linked, and the links the plan skips for a pin. */
export interface ReportExtras {
  /** Links someone linked between planning and running: kept, as any other. */
  readonly lateKept?: readonly KeptLink[];
  /** Links the plan does not make because a pin excludes them (not counted as pending). */
  readonly skipped?: readonly SkippedLink[];
  /** Links a pin set between planning and running excluded: skipped too. */
  readonly lateSkipped?: readonly SkippedLink[];
}

/** The report of a plan, with what the run (or the pin check of a dry run) learnt beside it. */
export const reportOf = (plan: MigrationPlan, eventsAppended: number, { lateKept = [], skipped = [], lateSkipped = [] }: ReportExtras = {}): MigrationReport => {
  const keyOf = (link: MigrationLink) => `${link.scope}|${link.app}/${link.service}/${link.stage ?? ''}`;
  const notMade = new Set([...lateKept, ...skipped, ...lateSkipped].map(keyOf));
  const steps = plan.profiles;
  return {
    orgId: plan.orgId,
    providersCreated: steps.flatMap(({ profile: { profileId }, outcome }) =>
      outcome.kind === 'create'
        ? [{ profileId, providerId: outcome.providerId, name: outcome.name, roleArn: outcome.roleArn, accountId: outcome.accountId }]
        : [],
    ),
    providersReused: steps.flatMap(({ profile: { profileId }, outcome }) =>
      outcome.kind === 'reuse' ? [{ profileId, providerId: outcome.providerId, name: outcome.name, roleArn: outcome.roleArn }] : [],
    ),
    renamed: steps.flatMap(({ profile, outcome }) =>
      outcome.kind === 'create' && outcome.name !== profile.name
        ? [{ profileId: profile.profileId, profile: profile.name, name: outcome.name, reason: renameReason(profile.name, outcome.name) }]
        : [],
    ),
    links: steps.flatMap((step) => step.links.filter((link) => !notMade.has(keyOf(link))).map(withoutCommand)),
    linksKept: [...plan.linksKept, ...lateKept],
    linksSkipped: [...skipped, ...lateSkipped],
    withoutServiceLink: plan.withoutServiceLink,
    skipped: steps.flatMap(({ profile: { profileId }, outcome }) => (outcome.kind === 'skip' ? [{ profileId, reason: outcome.reason }] : [])),
    commandsPending: pendingCommandsOf(plan) - skipped.length,
    eventsAppended,
  };
};
