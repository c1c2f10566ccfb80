import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import type { Actor, Command, DeploymentProfileState, DomainError } from '@providers/domain';
import { stepRejected, type StepRejected } from './errors.js';
import type { Progress } from './progress.js';
import type { KeptLink } from './plan-links.js';
import { planMigration, type MigrationPlan, type PlanOptions } from './plan.js';
import { pendingCommandsOf, reportOf, type MigrationReport } from './report.js';

/** The default session duration of a migrated role: one hour, what STS gives when not asked otherwise. */
export const MIGRATED_SESSION_DURATION_SECONDS = 3600;

/** How to run a migration. */
export interface MigrateOptions extends PlanOptions {
  /** Who runs it; a `system` actor, so the audit trail tells the migration from people. */
  readonly actor: Actor;
  /** The time every command of this run is issued at. */
  readonly issuedAt: string;
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
  /** Session duration of migrated roles (default 3600 s). */
  readonly sessionDurationSeconds?: number;
  /** Called after each command with how many of the pending commands have run. */
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * Migrates an org's deployment profiles to providers, as a replay: its state
 * (the fold of its events) is planned, then the plan runs through the normal
 * command path with deterministic command ids. An interrupted run re-run
 * converges to the same state; a second full run appends nothing. Domain
 * rejections come back as a value; store failures throw.
 */
export const migrate = async (
  handler: CommandHandler,
  orgId: string,
  options: MigrateOptions,
): Promise<E.Either<StepRejected, MigrationReport>> => {
  const state = await handler.state(orgId);
  const plan = planMigration(state, orgId, options);
  return options.dryRun ? E.right(reportOf(plan, 0)) : runPlan(handler, plan, options);
};

/** Runs what a plan has pending, in order: per profile its provider, its links, then its marker. */
const runPlan = async (
  handler: CommandHandler,
  plan: MigrationPlan,
  options: Omit<MigrateOptions, 'dryRun'>,
): Promise<E.Either<StepRejected, MigrationReport>> => {
  const { orgId } = plan;
  const total = pendingCommandsOf(plan);
  const envelope = { orgId, actor: options.actor, issuedAt: options.issuedAt, correlationId: `migrate:${orgId}` };
  const lateKept: KeptLink[] = [];
  let done = 0;
  let appended = 0;
  const run = async (command: Command): Promise<DomainError | undefined> => {
    const result = await handler.execute(command);
    done++;
    options.onProgress?.({ phase: 'migrate', done, total });
    if (E.isLeft(result)) return result.left;
    appended += result.right.events.length;
    return undefined;
  };

  for (const step of plan.profiles) {
    const { outcome } = step;
    if (outcome.kind === 'create' && step.add?.pending) {
      const error = await run({
        type: 'AddProvider',
        ...envelope,
        commandId: step.add.commandId,
        providerId: outcome.providerId,
        name: outcome.name,
        providerType: 'aws',
        credentials: {
          kind: 'aws-role',
          roleArn: outcome.roleArn,
          externalId: options.externalIdFor(step.profile, orgId),
          sessionDurationSeconds: options.sessionDurationSeconds ?? MIGRATED_SESSION_DURATION_SECONDS,
        },
      });
      if (error) return E.left(stepRejected(step.add.commandId, error, appended));
    }
    for (const link of step.links) {
      if (!link.pending) continue;
      const { app, service, providerId, commandId } = link;
      const error = await run(
        providerId === null
          ? { type: 'LinkLocalCredentialsToInstance', ...envelope, commandId, app, service, stage: link.stage!, providerType: 'aws' }
          : link.scope === 'service'
            ? { type: 'LinkProviderToService', ...envelope, commandId, providerId, app, service }
            : { type: 'LinkProviderToInstance', ...envelope, commandId, providerId, app, service, stage: link.stage! },
      );
      // Someone set the scope after the plan was made: theirs stays, as it would have in the plan.
      if (error?._tag === 'ScopeAlreadyLinked' || error?._tag === 'ScopeUsesLocalCredentials') {
        const { commandId: _c, pending: _p, ...kept } = link;
        const linkedProviderId = error._tag === 'ScopeAlreadyLinked' ? error.linkedProviderId : null;
        lateKept.push({ ...kept, linkedProviderId, reason: 'set by someone else while the migration ran; the migration never replaces a link' });
      } else if (error) return E.left(stepRejected(commandId, error, appended));
    }
    if (step.mark.pending) {
      const error = await run({
        type: 'MarkDeploymentProfileMigrated',
        ...envelope,
        commandId: step.mark.commandId,
        profileId: step.profile.profileId,
        providerId: outcome.kind === 'skip' ? null : outcome.providerId,
        ...(step.mark.reason !== undefined ? { reason: step.mark.reason } : {}),
      });
      if (error) return E.left(stepRejected(step.mark.commandId, error, appended));
    }
  }
  return E.right(reportOf(plan, appended, lateKept));
};
