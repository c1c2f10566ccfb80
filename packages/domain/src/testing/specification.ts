import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '../actor.js';
import type { Command } from '../commands.js';
import { decide as orgDecide } from '../decide.js';
import type { Decision } from '../decision.js';
import type { DomainError, DomainErrorTag } from '../errors.js';
import { CURRENT_SCHEMA_VERSION, type DomainEvent, type EventEnvelope } from '../events.js';
import { evolve as orgEvolve } from '../evolve.js';
import { initialState as orgInitialState, type OrgState } from '../state.js';
import { sameValue, shown } from './same-value.js';

/** The decider a specification exercises: the organization's, or one that extends it. */
export interface DeciderUnderTest {
  readonly decide: (command: Command, state: OrgState) => Decision;
  readonly evolve: (state: OrgState, envelope: EventEnvelope, position: bigint) => OrgState;
  readonly initialState: () => OrgState;
}

/** The organization decider of this package. */
export const ORG_DECIDER: DeciderUnderTest = { decide: orgDecide, evolve: orgEvolve, initialState: orgInitialState };

/** What `given` folds: an event (stamped by the specification) or an event with its own metadata. */
export type GivenEvent = DomainEvent | EventEnvelope;

/** The outcome expected of a command. */
export interface Then {
  /** The command is accepted with exactly these events. */
  then(expected: readonly DomainEvent[]): void;
  /** The command is accepted and changes nothing: no event, no error. */
  thenNothing(): void;
  /** The command is rejected with this tag (and field, when given); returns the rejection. */
  thenRejected<T extends DomainErrorTag>(tag: T, field?: string): Extract<DomainError, { _tag: T }>;
}

/** A history to decide a command on. */
export interface Given {
  /** The state the history folds to, for what a `then` cannot say. */
  readonly state: OrgState;
  when(command: Command): Then;
}

/** A failed expectation of a specification. */
export class SpecificationFailed extends Error {
  override readonly name = 'SpecificationFailed';
}

/** Who and when `given` events are stamped with, unless an envelope says otherwise. */
export const GIVEN_ACTOR: Actor = { id: 'given', role: 'system' };
const GIVEN_AT = '2026-01-01T00:00:00.000Z';

const envelopeOf = (given: GivenEvent, i: number): EventEnvelope =>
  'event' in given
    ? given
    : {
        event: given,
        metadata: { schemaVersion: CURRENT_SCHEMA_VERSION[given.type], eventId: `given-${i}`, commandId: `given-${i}`, actor: GIVEN_ACTOR, occurredAt: GIVEN_AT },
      };

/**
 * Given / when / then for the decider: `given` folds a history (event i at
 * global position i + 1, each as its own command unless its envelope says
 * otherwise), `when` decides a command on it, `then…` checks the decision.
 * Failures throw `SpecificationFailed`, so any test runner reports them.
 *
 *     const spec = deciderSpecification();
 *     spec.given(added).when(link).then([linked]);
 */
export const deciderSpecification = (decider: DeciderUnderTest = ORG_DECIDER) => {
  const on = (state: OrgState): Given => ({
    state,
    when: (command: Command): Then => {
      const decision = decider.decide(command, state);
      const events = (what: string): readonly DomainEvent[] => {
        if (E.isLeft(decision)) throw new SpecificationFailed(`expected ${what}, got ${decision.left._tag}: ${decision.left.message}`);
        return decision.right;
      };
      return {
        then: (expected) => {
          const actual = events(`events ${shown(expected)}`);
          if (!sameValue(actual, expected)) throw new SpecificationFailed(`expected events ${shown(expected)}, got ${shown(actual)}`);
        },
        thenNothing: () => {
          const actual = events('no change');
          if (actual.length > 0) throw new SpecificationFailed(`expected no change, got events ${shown(actual)}`);
        },
        thenRejected: <T extends DomainErrorTag>(tag: T, field?: string) => {
          if (E.isRight(decision)) throw new SpecificationFailed(`expected ${tag}, got events ${shown(decision.right)}`);
          const error = decision.left;
          if (error._tag !== tag) throw new SpecificationFailed(`expected ${tag}, got ${error._tag}: ${error.message}`);
          if (field !== undefined && error.field !== field) throw new SpecificationFailed(`expected ${tag} about ${field}, got one about ${error.field}`);
          return error as Extract<DomainError, { _tag: T }>;
        },
      };
    },
  });
  return {
    given: (...history: readonly GivenEvent[]): Given => {
      const state = decider.initialState();
      history.forEach((given, i) => decider.evolve(state, envelopeOf(given, i), BigInt(i + 1)));
      return on(state);
    },
    /** A state built otherwise (e.g. by folding earlier decisions), to decide on. */
    on,
  };
};
