import * as E from 'fp-ts/lib/Either.js';
import { accountConflict } from './account-guard.js';
import type { Command, CommandType } from './commands.js';
import { reject, unchanged, type Decider, type Decision } from './decision.js';
import { legacyDecider } from './legacy-decider.js';
import { linksDecider } from './links-decider.js';
import { permissionDenied } from './permissions.js';
import { pinsDecider } from './pins-decider.js';
import { providersDecider } from './providers-decider.js';
import type { OrgState } from './state.js';
import { validateCommand } from './validation.js';

/** The sub-domains' deciders, together: every command type has exactly one owner (the type checks it). */
const orgDecider: Decider<CommandType> = { ...providersDecider, ...linksDecider, ...pinsDecider, ...legacyDecider };

/**
 * The organization decider: given the org's state, accept a command (the
 * events it causes) or reject it with a typed error. Pure: ids and time come
 * in with the command. What every command goes through is here, in order:
 * its codec, idempotency, who may send it; then its sub-domain decides;
 * then whether what it decided still fits the account pins.
 */
export const decide = (input: Command, state: OrgState): Decision => {
  const validated = validateCommand(input);
  if (E.isLeft(validated)) return validated;
  const command = validated.right;
  // Sending the same command twice appends once.
  if (state.commandIds.has(command.commandId)) return unchanged;
  const denied = permissionDenied(command);
  if (denied) return reject(denied);
  const decision = (orgDecider[command.type] as (command: Command, state: OrgState) => Decision)(command, state);
  if (E.isLeft(decision)) return decision;
  const conflict = accountConflict(command, state, decision.right);
  return conflict ? reject(conflict) : decision;
};
