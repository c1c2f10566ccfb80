import { randomUUID } from 'node:crypto';
import type * as E from 'fp-ts/lib/Either.js';
import type { CommandResult } from '@providers/commands';
import type { Actor, DomainError } from '@providers/domain';

/** What every write says: whose org, who, and optionally its id and time (both generated otherwise). */
export interface WriteContext {
  readonly orgId: string;
  readonly actor: Actor;
  /** The same id sent twice records once (default: a random UUID). */
  readonly commandId?: string;
  /** ISO time with a zone (default: now). */
  readonly issuedAt?: string;
}

/** The envelope of a command, stamped here and nowhere else. */
export const stamp = (context: WriteContext) => ({
  orgId: context.orgId,
  commandId: context.commandId ?? randomUUID(),
  actor: context.actor,
  issuedAt: context.issuedAt ?? new Date().toISOString(),
});

/** What a write returns: a rule's typed rejection, or the events it recorded (none for a repeat or no change). */
export type WriteOutcome = Promise<E.Either<DomainError, CommandResult>>;
