import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import type { Actor } from '@providers/domain';
import { migrateFromExport, migrateOnFirstUse, parseLegacyExport, type ImportError, type LegacyExport, type MigrationFromExportReport, type Progress } from '@providers/migration';

/** Who runs a migration unless told: a system actor, so the audit trail tells the migration from people. */
export const MIGRATION_ACTOR: Actor = { id: 'migration', role: 'system' };

/** A legacy export to import and migrate to providers (idempotent), or only to plan. */
export interface MigrateInput {
  readonly orgId: string;
  /** The export as JSON text (format: packages/migration/README.md), or already parsed. */
  readonly legacyExport: string | LegacyExport;
  /** Plan and report; append nothing. */
  readonly dryRun?: boolean;
  /** Default: the `migration` system actor. */
  readonly actor?: Actor;
  /** Default: now. */
  readonly issuedAt?: string;
  readonly onProgress?: (progress: Progress) => void;
}

/** Imports and migrates a legacy export; every migrated role gets the org's external id. */
export const migrateExport = async (
  handler: CommandHandler,
  input: MigrateInput,
  externalId: string,
): Promise<E.Either<ImportError, MigrationFromExportReport>> => {
  const parsed = typeof input.legacyExport === 'string' ? parseLegacyExport(input.legacyExport) : E.right(input.legacyExport);
  if (E.isLeft(parsed)) return parsed;
  return migrateFromExport(handler, parsed.right, {
    orgId: input.orgId,
    actor: input.actor ?? MIGRATION_ACTOR,
    issuedAt: input.issuedAt ?? new Date().toISOString(),
    ...(input.dryRun ? { dryRun: true } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    externalIdFor: () => externalId,
  });
};

/**
 * Migration of an org's deployment profiles the first time it is resolved or vended for (once per
 * org per process). The org's external id is read once before its migration, so that every
 * profile of the run gets the same one.
 */
export const lazyMigration = (handler: CommandHandler, externalIdOf: (orgId: string) => Promise<string>): ((orgId: string) => Promise<void>) => {
  const externalIds = new Map<string, string>();
  const lazy = migrateOnFirstUse(handler, { actor: MIGRATION_ACTOR, externalIdFor: (_profile, orgId) => externalIds.get(orgId) ?? '' });
  return async (orgId) => {
    if (!externalIds.has(orgId)) externalIds.set(orgId, await externalIdOf(orgId));
    await lazy(orgId);
  };
};
