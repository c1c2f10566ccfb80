// Links the migration does not make because an account pin excludes them: a stage mapped to a
// profile whose role is in another account than the stage is pinned to, or a service link a pinned
// stage would inherit. The plan says so, and the run skips them and carries on.
import * as E from 'fp-ts/lib/Either.js';
import { decide, evolve, type DomainError, type OrgState, type PinNamed, type Scope } from '@providers/domain';
import type { MigrationLink, PlannedLink } from './plan-links.js';
import type { PlannedCommand } from './plan-commands.js';

/** A link the migration wanted and does not make: a pin on a scope that would resolve through it excludes its provider's account. */
export interface SkippedLink extends MigrationLink {
  /** The deployments that would have used it: the scope whose chain holds the pin. */
  readonly deployment: Scope;
  /** The pin that excludes it: where, and the accounts it allows. */
  readonly pin: PinNamed;
  /** The account of the link's provider (null: not known). */
  readonly accountId: string | null;
  /** Why it is skipped: the rule's own message (scope, pin, provider, account). */
  readonly reason: string;
}

type AccountNotAllowed = Extract<DomainError, { _tag: 'AccountNotAllowed' }>;

/** The link as skipped for this refusal. */
export const skippedLink = ({ commandId: _c, pending: _p, ...link }: PlannedLink, refusal: AccountNotAllowed): SkippedLink => ({
  ...link,
  deployment: refusal.scope,
  pin: refusal.pin,
  accountId: refusal.accountId,
  reason: refusal.message,
});

/** Whether a rejection is the account guard's. */
export const isAccountNotAllowed = (error: DomainError | undefined): error is AccountNotAllowed => error?._tag === 'AccountNotAllowed';

/**
 * The links of these commands that a pin excludes, by command id: the
 * commands are decided in order by the domain's own rules on a copy of the
 * state, as the run would send them, and a link the account guard refuses is
 * left out of the copy as the run leaves it out. So the dry run and the run
 * agree; an org without pins has nothing to skip.
 */
export const linksPinsExclude = (state: OrgState, commands: readonly PlannedCommand[]): Map<string, SkippedLink> => {
  const skipped = new Map<string, SkippedLink>();
  if (state.pins.size === 0) return skipped;
  const copy = structuredClone(state);
  for (const { command, link } of commands) {
    const decision = decide(command, copy);
    if (E.isLeft(decision)) {
      if (link && isAccountNotAllowed(decision.left)) skipped.set(command.commandId, skippedLink(link, decision.left));
      continue;
    }
    for (const [i, event] of decision.right.entries()) {
      const metadata = { schemaVersion: 1, eventId: `${command.commandId}-${i}`, commandId: command.commandId, actor: command.actor, occurredAt: command.issuedAt };
      evolve(copy, { event, metadata }, copy.position + 1n);
    }
  }
  return skipped;
};
