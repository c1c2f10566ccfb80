import { ProvidersError, errorClass, isDomainError, type DomainError, type FailureKind } from '@providers/sdk';

/** The exit codes of DESIGN.md section 9. */
export const EXIT = { ok: 0, rejected: 1, usage: 2, infrastructure: 3 } as const;

/** A command line that cannot be carried out as written: exit code 2. */
export class UsageError extends errorClass('UsageError', 'usage', (message: string, field?: string) => ({ fields: { field }, message })) {}

/** A rejection by a rule of the domain, carried to the top so it exits with code 1. */
export class Rejected extends errorClass('Rejected', 'rejected', (error: DomainError) => ({ fields: { error }, message: error.message })) {}

/** The exit code of each kind of failure: a new error has a kind, so it cannot fall through unlisted. */
const EXIT_BY_KIND: Record<FailureKind, number> = { rejected: EXIT.rejected, usage: EXIT.usage, unavailable: EXIT.infrastructure, failure: EXIT.infrastructure };

/** How an error ends the process: its exit code and what is printed. */
export const classify = (error: unknown): { code: number; tag: string; message: string; field?: string } => {
  if (error instanceof Rejected) return { code: EXIT.rejected, tag: error.error._tag, message: error.message, field: error.error.field };
  const tagged = error as { _tag?: unknown; message?: unknown; field?: unknown };
  const tag = typeof tagged?._tag === 'string' ? tagged._tag : error instanceof Error ? error.name : 'Error';
  const message = typeof tagged?.message === 'string' ? tagged.message : String(error);
  const field = typeof tagged?.field === 'string' ? tagged.field : undefined;
  // A rejection returned as a value by the SDK and thrown by a caller is still a rejection.
  const code = error instanceof ProvidersError ? EXIT_BY_KIND[error.kind] : isDomainError(error) ? EXIT.rejected : EXIT.infrastructure;
  return { code, tag, message, ...(field ? { field } : {}) };
};
