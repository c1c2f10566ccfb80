import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import type { StepRejected } from './errors.js';
import { migrate, type MigrateOptions } from './migrate.js';
import type { MigrationReport } from './report.js';
import { errorClass } from '@providers/domain';

/** The lazy migration of an org was rejected by a rule of the domain; the next call tries again. */
export class LazyMigrationFailed extends errorClass('LazyMigrationFailed', 'failure', (orgId: string, rejection: StepRejected) => ({
  fields: { orgId, rejection },
  message: `migrating organization ${orgId} from deployment profiles failed: ${rejection.message}`,
})) {}

/** How `migrateOnFirstUse` migrates. */
export interface LazyMigrationOptions extends Omit<MigrateOptions, 'dryRun' | 'issuedAt' | 'onProgress'> {
  /** The time a migration is issued at (default: now). */
  readonly clock?: () => string;
  /** Told when an org was migrated (even when there was nothing to do). */
  readonly onMigrated?: (report: MigrationReport) => void;
}

/**
 * Migrates an org the first time it is asked for, once per org in this
 * process; concurrent callers share one run. Put it in front of resolve and
 * vend: "the automatic migration performed when you deploy". A failed run is
 * forgotten, so the next call retries; store failures reject as they are.
 */
export const migrateOnFirstUse = (handler: CommandHandler, options: LazyMigrationOptions): ((orgId: string) => Promise<void>) => {
  const runs = new Map<string, Promise<void>>();
  const clock = options.clock ?? (() => new Date().toISOString());
  const { clock: _clock, onMigrated, ...migrateOptions } = options;
  const run = async (orgId: string): Promise<void> => {
    const result = await migrate(handler, orgId, { ...migrateOptions, issuedAt: clock() });
    if (E.isLeft(result)) throw new LazyMigrationFailed(orgId, result.left);
    onMigrated?.(result.right);
  };
  return (orgId) => {
    let pending = runs.get(orgId);
    if (!pending) {
      pending = run(orgId);
      runs.set(orgId, pending);
      pending.catch(() => runs.delete(orgId));
    }
    return pending;
  };
};
