import { isDomainError, type DomainError } from '@providers/sdk';

/** The exit codes of DESIGN.md section 9. */
export const EXIT = { ok: 0, rejected: 1, usage: 2, infrastructure: 3 } as const;

/** A command line that cannot be carried out as written: exit code 2. */
export class UsageError extends Error {
  readonly _tag = 'UsageError' as const;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A rejection by a rule of the domain, carried to the top so it exits with code 1. */
export class Rejected extends Error {
  readonly _tag = 'Rejected' as const;
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'Rejected';
  }
}

const USAGE_TAGS = new Set([
  'UsageError',
  'InvalidTokensFile',
  'InvalidStoreUrl',
  'MasterKeyMissing',
  'InvalidMasterKey',
  'MasterKeyUnknown',
  'MasterKeyMismatch',
  'StsEndpointInvalid',
  'InvalidIssuanceQuery',
]);
const REJECTION_TAGS = new Set([
  'Rejected',
  'NoProviderResolved',
  'RoleAssumptionDenied',
  'ConfusedDeputyRisk',
  'StsRequestRejected',
  'IamTemplateInputInvalid',
  'InvalidLegacyExport',
  'SecretShredded',
  'RotationIncomplete',
]);

/** How an error ends the process: its exit code and what is printed. */
export const classify = (error: unknown): { code: number; tag: string; message: string; field?: string } => {
  if (error instanceof Rejected) return { code: EXIT.rejected, tag: error.error._tag, message: error.message, field: error.error.field };
  const tagged = error as { _tag?: unknown; message?: unknown; field?: unknown };
  const tag = typeof tagged?._tag === 'string' ? tagged._tag : error instanceof Error ? error.name : 'Error';
  const message = typeof tagged?.message === 'string' ? tagged.message : String(error);
  const field = typeof tagged?.field === 'string' ? tagged.field : undefined;
  if (USAGE_TAGS.has(tag)) return { code: EXIT.usage, tag, message, ...(field ? { field } : {}) };
  if (REJECTION_TAGS.has(tag) || isDomainError(error)) return { code: EXIT.rejected, tag, message, ...(field ? { field } : {}) };
  return { code: EXIT.infrastructure, tag, message, ...(field ? { field } : {}) };
};
