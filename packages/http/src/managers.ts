// What the SDK leaves to its callers to guard, as the CLI does: only a managing role prunes the
// issuance log or runs a migration (the domain decides every other write itself).
import { MANAGING_ROLES } from '@providers/sdk';
import type { Actor } from './door.js';
import { HttpError } from './errors.js';

/** Whether an actor may manage the org (a managing role: owner, admin or system). */
export const isManager = (actor: Actor): boolean => MANAGING_ROLES.includes(actor.role);

/** The refusal of an actor that may not manage the org (403, worded and fielded as the domain's `PermissionDenied`), or undefined. */
export const managerRefusal = (actor: Actor, what: string): HttpError | undefined =>
  isManager(actor) ? undefined : new HttpError(403, 'PermissionDenied', `a ${actor.role} may not ${what}; this needs one of: ${MANAGING_ROLES.join(', ')}`, 'actor.role');

/** Throws the refusal of an actor that may not manage the org. */
export const requireManager = (actor: Actor, what: string): void => {
  const refused = managerRefusal(actor, what);
  if (refused) throw refused;
};
