import type { DomainError } from '@providers/domain';

/** A command of the migration or of an import was rejected by a rule of the domain; what ran before it stays. */
export interface StepRejected {
  readonly _tag: 'MigrationStepRejected';
  /** The field the domain's rejection is about. */
  readonly field: string;
  readonly commandId: string;
  readonly error: DomainError;
  /** Events appended before the rejection; a re-run continues from there. */
  readonly eventsAppended: number;
  readonly message: string;
}

/** Wraps a domain rejection of one step. */
export const stepRejected = (commandId: string, error: DomainError, eventsAppended: number): StepRejected => ({
  _tag: 'MigrationStepRejected',
  field: error.field,
  commandId,
  error,
  eventsAppended,
  message: `${commandId} was rejected: ${error.message}`,
});
