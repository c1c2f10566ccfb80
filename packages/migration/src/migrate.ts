import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import type { DeploymentProfileState, OrgState } from '@providers/domain';
import { stepRejected, type StepRejected } from './errors.js';
import type { Progress } from './progress.js';
import type { KeptLink } from './plan-links.js';
import { commandsOf, type CommandOptions, type PlannedCommand } from './plan-commands.js';
import { planMigration, type MigrationPlan, type PlanOptions } from './plan.js';
import { isAccountNotAllowed, linksPinsExclude, skippedLink, type SkippedLink } from './pinned-links.js';
import { reportOf, type MigrationReport } from './report.js';

export { MIGRATED_SESSION_DURATION_SECONDS } from './plan-commands.js';

/** How to run a migration. */
export interface MigrateOptions extends PlanOptions, CommandOptions {
  /** Plan and report, append nothing. */
  readonly dryRun?: boolean;
  /**
   * The external id of a migrated role. Legacy profiles had none, so their
   * roles' trust policies do not check one; STS ignores an external id a
   * policy does not check, so any value keeps today's deployments working.
   * It must be the org's own value, chosen by the system and not by users,
   * and the same on every run: then an admin can add the `sts:ExternalId`
   * condition to the trust policy (the iam-template does) and no other org
   * can get this system to assume the role. Random values would make the
   * plan depend on luck; pass the org's external id (the one its other roles
   * use) or one derived from the org id.
   */
  readonly externalIdFor: (profile: DeploymentProfileState, orgId: string) => string;
  /** Called after each command with how many of the pending commands have run. */
  readonly onProgress?: (progress: Progress) => void;
}

/** A plan, the commands it has pending in the order they run, and the links among them a pin excludes (by command id). */
export interface CheckedPlan {
  readonly plan: MigrationPlan;
  readonly commands: readonly PlannedCommand[];
  readonly skipped: ReadonlyMap<string, SkippedLink>;
}

/** Plans the migration of an org from its state, and finds the links its account pins exclude. */
export const checkedPlan = (state: OrgState, orgId: string, options: Omit<MigrateOptions, 'dryRun'>): CheckedPlan => {
  const plan = planMigration(state, orgId, options);
  const commands = commandsOf(plan, options);
  return { plan, commands, skipped: linksPinsExclude(state, commands) };
};

/** What a checked plan would do, as a report (nothing appended). */
export const dryRunReport = ({ plan, skipped }: CheckedPlan): MigrationReport => reportOf(plan, 0, { skipped: [...skipped.values()] });

/**
 * Migrates an org's deployment profiles to providers, as a replay: its state
 * (the fold of its events) is planned, then the plan runs through the normal
 * command path with deterministic command ids. An interrupted run re-run
 * converges to the same state; a second full run appends nothing. A link an
 * account pin excludes is not made, and said so. Domain rejections come back
 * as a value; store failures throw.
 */
export const migrate = async (handler: CommandHandler, orgId: string, options: MigrateOptions): Promise<E.Either<StepRejected, MigrationReport>> => {
  const checked = checkedPlan(await handler.state(orgId), orgId, options);
  return options.dryRun ? E.right(dryRunReport(checked)) : runPlan(handler, checked, options);
};

/** Runs what a plan has pending, in order, but the links a pin excludes. */
const runPlan = async (handler: CommandHandler, { plan, commands, skipped }: CheckedPlan, options: MigrateOptions): Promise<E.Either<StepRejected, MigrationReport>> => {
  const toRun = commands.filter(({ command }) => !skipped.has(command.commandId));
  const lateKept: KeptLink[] = [];
  const lateSkipped: SkippedLink[] = [];
  let done = 0;
  let appended = 0;
  for (const { command, link } of toRun) {
    const result = await handler.execute(command);
    options.onProgress?.({ phase: 'migrate', done: ++done, total: toRun.length });
    if (E.isRight(result)) {
      appended += result.right.events.length;
      continue;
    }
    const error = result.left;
    // Someone set the scope, or pinned it, after the plan was made: theirs stays, as it would have in the plan.
    if (link && (error._tag === 'ScopeAlreadyLinked' || error._tag === 'ScopeUsesLocalCredentials')) {
      const { commandId: _c, pending: _p, ...kept } = link;
      const linkedProviderId = error._tag === 'ScopeAlreadyLinked' ? error.linkedProviderId : null;
      lateKept.push({ ...kept, linkedProviderId, reason: 'set by someone else while the migration ran; the migration never replaces a link' });
    } else if (link && isAccountNotAllowed(error)) lateSkipped.push(skippedLink(link, error));
    else return E.left(stepRejected(command.commandId, error, appended));
  }
  return E.right(reportOf(plan, appended, { lateKept, skipped: [...skipped.values()], lateSkipped }));
};
