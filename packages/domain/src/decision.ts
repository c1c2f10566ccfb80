import * as E from 'fp-ts/lib/Either.js';
import type { CommandOf, CommandType } from './commands.js';
import type { DomainError } from './errors.js';
import type { DomainEvent } from './events.js';
import type { OrgState, ProviderState } from './state.js';

/** What deciding a command gives: the events it causes, or the rule it breaks. */
export type Decision = E.Either<DomainError, readonly DomainEvent[]>;

/** The command is accepted with these events. */
export const ok = (...events: DomainEvent[]): Decision => E.right(events);
/** The command breaks a rule. */
export const reject = (error: DomainError): Decision => E.left(error);
/** The command changes nothing (e.g. linking what is already linked): no event, no error. */
export const unchanged: Decision = E.right([]);

/**
 * The decider of a sub-domain: one pure function per command type it owns.
 * Commands reach it validated, new and permitted (see decide.ts).
 */
export type Decider<K extends CommandType> = { readonly [T in K]: (command: CommandOf<T>, state: OrgState) => Decision };

/** The rejection of a command about a provider the org does not have. */
export const providerNotFound = (providerId: string): DomainError => ({
  _tag: 'ProviderNotFound',
  field: 'providerId',
  providerId,
  message: `no provider ${providerId} in this organization`,
});

/** Decides with the provider, or rejects when the org does not have it. */
export const withProvider = (state: OrgState, providerId: string, then: (provider: ProviderState) => Decision): Decision => {
  const provider = state.providers.get(providerId);
  return provider ? then(provider) : reject(providerNotFound(providerId));
};
