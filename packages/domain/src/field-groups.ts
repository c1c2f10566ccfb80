import * as t from 'io-ts';
import { Actor } from './actor.js';
import { PinScope, PinnedAccountIds } from './pin-scope.js';
import { AppName, CommandId, DeploymentProfileId, DeploymentProfileName, ProviderId, Reason, ServiceName, StageName } from './rules.js';

/*
 * The groups of fields that commands and their events both carry: a command
 * and the fact it records name a place, a pin or a profile the same way, so
 * each group is declared once. Read as a namespace: `fields.service`.
 */

/** A record with required fields and optional ones, read-only once decoded. */
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O, name?: string) =>
  t.readonly(t.intersection([t.strict(required), t.partial(optional)]), name);

/** Who acted and as part of which command: every command carries it, and every event's metadata. */
export const actedBy = { commandId: CommandId, actor: Actor };
/** The ids that tie a command, and the events it produced, to a wider request. */
export const tracing = { correlationId: t.string, causationId: t.string };

/** A service of an app: where a service link points. */
export const service = { app: AppName, service: ServiceName };
/** A stage of a service: where a stage link points (with a region, one instance). */
export const stage = { ...service, stage: StageName };

/** An account pin: where it applies, the accounts it allows, and why. */
export const pin = { scope: PinScope, accountIds: PinnedAccountIds, reason: Reason };
/** The removal of an account pin: where, and why. */
export const pinRemoval = { scope: PinScope, reason: Reason };

/** A legacy deployment profile: its id and name (its role ARN is optional). */
export const profile = { profileId: DeploymentProfileId, name: DeploymentProfileName };
/** Which legacy deployment profile a stage of an app (or its `default` stage) uses. */
export const stageProfile = { app: AppName, stage: t.union([StageName, t.literal('default')]), profileId: DeploymentProfileId };
/** What a profile became in the migration: a provider, or nothing (skipped, with a reason). */
export const profileMigration = { profileId: DeploymentProfileId, providerId: t.union([ProviderId, t.null]) };
