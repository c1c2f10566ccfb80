import type { Actor, Command, DeploymentProfileState } from '@providers/domain';
import type { PlannedLink } from './plan-links.js';
import type { MigrationPlan } from './plan.js';

/** The default session duration of a migrated role: one hour, what STS gives when not asked otherwise. */
export const MIGRATED_SESSION_DURATION_SECONDS = 3600;

/** What the commands of a run are made with. */
export interface CommandOptions {
  /** Who runs it; a `system` actor, so the audit trail tells the migration from people. */
  readonly actor: Actor;
  /** The time every command of this run is issued at. */
  readonly issuedAt: string;
  /** The external id of a migrated role (see MigrateOptions). */
  readonly externalIdFor: (profile: DeploymentProfileState, orgId: string) => string;
  /** Session duration of migrated roles (default 3600 s). */
  readonly sessionDurationSeconds?: number;
}

/** One command a plan has pending, and the link it makes, if it makes one. */
export interface PlannedCommand {
  readonly command: Command;
  readonly link?: PlannedLink;
}

/**
 * The commands a plan has pending, in the order a run sends them: every
 * provider first, then the stage links (a provider's, or local credentials),
 * then the service links, then the markers. Narrower links come before wider
 * ones so that a pinned stage never inherits, even for a moment, a service
 * link its own stage link is about to override.
 */
export const commandsOf = (plan: MigrationPlan, options: CommandOptions): PlannedCommand[] => {
  const { orgId } = plan;
  const envelope = { orgId, actor: options.actor, issuedAt: options.issuedAt, correlationId: `migrate:${orgId}` };
  const adds: PlannedCommand[] = [];
  const links = plan.profiles.flatMap((step) => step.links.filter((link) => link.pending));
  const marks: PlannedCommand[] = [];
  for (const step of plan.profiles) {
    const { outcome } = step;
    if (outcome.kind === 'create' && step.add?.pending)
      adds.push({
        command: {
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
        },
      });
    if (step.mark.pending)
      marks.push({
        command: {
          type: 'MarkDeploymentProfileMigrated',
          ...envelope,
          commandId: step.mark.commandId,
          profileId: step.profile.profileId,
          providerId: outcome.kind === 'skip' ? null : outcome.providerId,
          ...(step.mark.reason !== undefined ? { reason: step.mark.reason } : {}),
        },
      });
  }
  const linkCommand = (link: PlannedLink): PlannedCommand => {
    const { app, service, providerId, commandId } = link;
    const command: Command =
      providerId === null
        ? { type: 'LinkLocalCredentialsToInstance', ...envelope, commandId, app, service, stage: link.stage!, providerType: 'aws' }
        : link.scope === 'service'
          ? { type: 'LinkProviderToService', ...envelope, commandId, providerId, app, service }
          : { type: 'LinkProviderToInstance', ...envelope, commandId, providerId, app, service, stage: link.stage! };
    return { command, link };
  };
  return [
    ...adds,
    ...links.filter((link) => link.scope === 'stage').map(linkCommand),
    ...links.filter((link) => link.scope === 'service').map(linkCommand),
    ...marks,
  ];
};
