import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import { checkedExport, importLegacyExport, previewImport, type ImportError, type ImportReport } from './import.js';
import { checkedPlan, dryRunReport, migrate, type MigrateOptions } from './migrate.js';
import type { MigrationReport } from './report.js';

/** What `providers migrate --from FILE` did (or, in a dry run, would do). */
export interface MigrationFromExportReport {
  readonly imported: ImportReport;
  readonly migration: MigrationReport;
}

/**
 * Imports a legacy export (parsed JSON) and migrates its org. A dry run
 * appends nothing: it plans on a copy of the org's state with the export
 * folded in, and reports what the real run would do.
 */
export const migrateFromExport = async (
  handler: CommandHandler,
  input: unknown,
  options: MigrateOptions & { readonly orgId?: string },
): Promise<E.Either<ImportError, MigrationFromExportReport>> => {
  if (options.dryRun) {
    const checked = checkedExport(input, options.orgId);
    if (E.isLeft(checked)) return checked;
    const { orgId, legacy } = checked.right;
    const preview = previewImport(await handler.state(orgId), legacy, { ...options, orgId });
    if (E.isLeft(preview)) return preview;
    return E.right({ imported: preview.right.report, migration: dryRunReport(checkedPlan(preview.right.state, orgId, options)) });
  }
  const imported = await importLegacyExport(handler, input, options);
  if (E.isLeft(imported)) return imported;
  const migration = await migrate(handler, imported.right.orgId, options);
  return E.isLeft(migration) ? migration : E.right({ imported: imported.right, migration: migration.right });
};
