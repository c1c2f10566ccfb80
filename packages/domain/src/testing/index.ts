/** Given / when / then for the organization decider (or one that extends it), for people who extend the domain. */
export {
  GIVEN_ACTOR,
  ORG_DECIDER,
  SpecificationFailed,
  deciderSpecification,
  type DeciderUnderTest,
  type Given,
  type GivenEvent,
  type Then,
} from './specification.js';
/** Structural equality of events and errors, as the specification compares them. */
export { sameValue } from './same-value.js';
