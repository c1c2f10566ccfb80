import { pinKey } from './pin-scope.js';
import { resolveFrom, type DeploymentTarget, type Resolution, type ScopeLookup } from './resolution.js';
import { slotKey } from './scope.js';
import type { OrgState } from './state.js';

/** The org state seen as what resolving needs: its links, its defaults, its providers, its account pins. */
export const stateLookup = (state: OrgState): ScopeLookup => ({
  entryAt: (providerType, scope) =>
    scope.kind === 'org-default' ? state.defaults.get(providerType) : state.links.get(slotKey(providerType, scope)),
  provider: (providerId) => state.providers.get(providerId),
  pinAt: (scope) => state.pins.get(pinKey(scope)),
  hasPins: state.pins.size > 0,
});

/**
 * Which provider a deployment uses according to this org state, where that
 * came from, and the chain of scopes looked at. Pure: the answer is a
 * function of the state alone.
 */
export const resolve = (state: OrgState, target: DeploymentTarget): Resolution => resolveFrom(stateLookup(state), target);
