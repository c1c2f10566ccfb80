import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import {
  CURRENT_SCHEMA_VERSION,
  decide,
  deployedInstanceKey,
  evolve,
  stageProfileKey,
  type Actor,
  type Command,
  type OrgState,
} from '@providers/domain';
import { commandIdFor, digestOf } from './command-ids.js';
import { stepRejected, type StepRejected } from './errors.js';
import type { Progress } from './progress.js';
import { decodeLegacyExport, type LegacyExport, type LegacyExportInvalid } from './legacy-export.js';

/** Who imports, when, and into which org. */
export interface ImportOptions {
  readonly actor: Actor;
  readonly issuedAt: string;
  /** The org to import into; the export must be of this org. Default: the export's `org`. */
  readonly orgId?: string;
  /** Called after each command with how many of the import's commands have run. */
  readonly onProgress?: (progress: Progress) => void;
}

/** What an import recorded: the commands it sent by kind, and the events they appended. */
export interface ImportReport {
  readonly orgId: string;
  readonly profilesCreated: number;
  readonly profilesUpdated: number;
  readonly stagesLinked: number;
  readonly instancesRecorded: number;
  readonly eventsAppended: number;
}

/** Why an import did not (fully) happen. */
export type ImportError = LegacyExportInvalid | StepRejected;

const invalid = (field: string, rule: string): LegacyExportInvalid => ({ _tag: 'LegacyExportInvalid', field, rule, message: `${field}: ${rule}` });

/**
 * The legacy commands that bring an org's state to what the export says:
 * only the differences, so importing the same file twice sends nothing. Ids
 * are deterministic, so two processes importing the same file at once
 * append it once. An id already used for a change since undone (A → B → A)
 * gets the current revision added, or the repeat would be taken for a retry.
 */
export const importCommands = (
  state: OrgState,
  legacy: LegacyExport,
  options: Pick<ImportOptions, 'actor' | 'issuedAt'> & { readonly orgId: string },
): E.Either<LegacyExportInvalid, Command[]> => {
  const { orgId, actor, issuedAt } = options;
  const envelope = { orgId, actor, issuedAt };
  const idFor = (verb: string, parts: readonly string[]) => {
    const id = commandIdFor('import', orgId, verb, parts);
    return state.commandIds.has(id) ? commandIdFor('import', orgId, `${verb}.r${state.revision}`, parts) : id;
  };
  const commands: Command[] = [];
  for (const [i, { id: profileId, name, awsAccessRoleArn: roleArn }] of legacy.deploymentProfiles.entries()) {
    const existing = state.profiles.get(profileId);
    const fields = { profileId, name, ...(roleArn !== undefined ? { roleArn } : {}) };
    if (!existing) {
      commands.push({ type: 'CreateDeploymentProfile', ...envelope, commandId: commandIdFor('import', orgId, 'profile', [profileId]), ...fields });
      continue;
    }
    if (existing.name === name && existing.roleArn === roleArn) continue;
    // Checked here, not left to the domain, so that nothing of the file is appended.
    if (existing.migratedTo !== undefined && existing.roleArn !== roleArn)
      return E.left(
        invalid(
          `deploymentProfiles[${i}].awsAccessRoleArn`,
          existing.migratedTo === null
            ? `deployment profile "${existing.name}" was migrated to providers; add an AWS provider instead of giving the profile a role`
            : `deployment profile "${existing.name}" was migrated to provider ${existing.migratedTo}; change the role on that provider`,
        ),
      );
    commands.push({ type: 'UpdateDeploymentProfile', ...envelope, commandId: idFor('profile-update', [digestOf(name, roleArn), profileId]), ...fields });
  }
  const instances = new Set<string>();
  for (const app of legacy.apps ?? []) {
    for (const [stage, profileId] of Object.entries(app.stages ?? {}))
      if (state.stageProfiles.get(stageProfileKey(app.name, stage)) !== profileId)
        commands.push({ type: 'LinkStageToDeploymentProfile', ...envelope, commandId: idFor('stage', [app.name, stage, profileId]), app: app.name, stage, profileId });
    for (const service of app.services ?? [])
      for (const { stage, region } of service.instances ?? []) {
        const instance = { app: app.name, service: service.name, stage, ...(region !== undefined ? { region } : {}) };
        const key = deployedInstanceKey(instance);
        if (state.deployedInstances.has(key) || instances.has(key)) continue;
        instances.add(key);
        const parts = region === undefined ? [app.name, service.name, stage] : [app.name, service.name, stage, region];
        commands.push({ type: 'RecordInstanceDeployed', ...envelope, commandId: commandIdFor('import', orgId, 'instance', parts), ...instance });
      }
  }
  return E.right(commands);
};

const orgOf = (legacy: LegacyExport, orgId: string | undefined): E.Either<LegacyExportInvalid, string> =>
  orgId === undefined || orgId === legacy.org
    ? E.right(legacy.org)
    : E.left(invalid('org', `the export is of organization "${legacy.org}", not "${orgId}"`));

/** Checks a parsed export and the org it is for. */
export const checkedExport = (input: unknown, orgId: string | undefined): E.Either<LegacyExportInvalid, { legacy: LegacyExport; orgId: string }> => {
  const legacy = decodeLegacyExport(input);
  if (E.isLeft(legacy)) return legacy;
  const org = orgOf(legacy.right, orgId);
  return E.isLeft(org) ? org : E.right({ legacy: legacy.right, orgId: org.right });
};

const summarize = (orgId: string, commands: readonly Command[], eventsAppended: number): ImportReport => {
  const count = (type: Command['type']) => commands.filter((command) => command.type === type).length;
  return {
    orgId,
    profilesCreated: count('CreateDeploymentProfile'),
    profilesUpdated: count('UpdateDeploymentProfile'),
    stagesLinked: count('LinkStageToDeploymentProfile'),
    instancesRecorded: count('RecordInstanceDeployed'),
    eventsAppended,
  };
};

/**
 * Records a legacy export (parsed JSON) as legacy events: profiles, stage
 * mappings, deployed instances. A file that breaks a rule is refused whole,
 * with the path in the file, and nothing is appended.
 */
export const importLegacyExport = async (
  handler: CommandHandler,
  input: unknown,
  options: ImportOptions,
): Promise<E.Either<ImportError, ImportReport>> => {
  const checked = checkedExport(input, options.orgId);
  if (E.isLeft(checked)) return checked;
  const { legacy, orgId } = checked.right;
  const commands = importCommands(await handler.state(orgId), legacy, { ...options, orgId });
  if (E.isLeft(commands)) return commands;
  let appended = 0;
  for (const [index, command] of commands.right.entries()) {
    const result = await handler.execute(command);
    if (E.isLeft(result)) return E.left(stepRejected(command.commandId, result.left, appended));
    appended += result.right.events.length;
    options.onProgress?.({ phase: 'import', done: index + 1, total: commands.right.length });
  }
  return E.right(summarize(orgId, commands.right, appended));
};

/**
 * The org's state as it would be after the import, without appending: a copy
 * of the state with the import's events folded in. What a dry run plans on.
 */
export const previewImport = (
  state: OrgState,
  input: unknown,
  options: ImportOptions,
): E.Either<ImportError, { readonly state: OrgState; readonly report: ImportReport }> => {
  const checked = checkedExport(input, options.orgId);
  if (E.isLeft(checked)) return checked;
  const { legacy, orgId } = checked.right;
  const commands = importCommands(state, legacy, { ...options, orgId });
  if (E.isLeft(commands)) return commands;
  const preview = structuredClone(state);
  for (const command of commands.right) {
    const decision = decide(command, preview);
    if (E.isLeft(decision)) return E.left(stepRejected(command.commandId, decision.left, 0));
    for (const event of decision.right) {
      const metadata = { schemaVersion: CURRENT_SCHEMA_VERSION[event.type], eventId: `preview-${preview.revision}`, commandId: command.commandId, actor: command.actor, occurredAt: command.issuedAt };
      // Not appended, so at no position yet: 0n, "before the log".
      evolve(preview, { event, metadata }, 0n);
    }
  }
  return E.right({ state: preview, report: summarize(orgId, commands.right, 0) });
};
