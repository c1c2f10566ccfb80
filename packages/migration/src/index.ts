// The legacy export file: its format, checked with the project's rules; errors name the path in the file.
export {
  DEFAULT_STAGE,
  LegacyApp,
  LegacyExportCodec,
  LegacyInstance,
  LegacyProfile,
  LegacyService,
  decodeLegacyExport,
  parseLegacyExport,
  type LegacyExport,
  type LegacyExportInvalid,
} from './legacy-export.js';
// Recording an export as legacy events (deterministic command ids: importing twice appends nothing).
export {
  importLegacyExport,
  previewImport,
  type ImportError,
  type ImportOptions,
  type ImportReport,
} from './import.js';
// The migration: a pure plan over the org's state, run through the command path.
export { planMigration, type MigrationPlan, type PlanOptions, type ProfileOutcome, type ProfileStep } from './plan.js';
export type { KeptLink, MigrationLink, PlannedLink, ServiceWithoutLink } from './plan-links.js';
export { MIGRATED_SESSION_DURATION_SECONDS, migrate, type MigrateOptions } from './migrate.js';
export type { CommandOptions } from './plan-commands.js';
export type { SkippedLink } from './pinned-links.js';
export { migrateFromExport, type MigrationFromExportReport } from './migrate-from-export.js';
export { reportOf, type MigrationReport, type ReportExtras } from './report.js';
// The report as lines for a person: counts, every decision with its reason, or "nothing to do".
export { DECISIONS_LISTED, migrationText, type MigrationTextOptions } from './report-text.js';
export { defaultProviderIdFor } from './provider-ids.js';
export type { StepRejected } from './errors.js';
export type { Progress } from './progress.js';
// Migrating an org on first use, in front of resolve and vend.
export { LazyMigrationFailed, migrateOnFirstUse, type LazyMigrationOptions } from './lazy.js';
