import { setByOf, type Evolver } from './evolver.js';
import { pinKey } from './pin-scope.js';

/** The fold of account pins: each remembers the event that set it. */
export const pinsEvolver: Evolver<'AccountPinned' | 'AccountPinRemoved'> = {
  AccountPinned: (state, { data }, metadata, position) => {
    state.pins.set(pinKey(data.scope), { scope: data.scope, accountIds: data.accountIds, reason: data.reason, setBy: setByOf(metadata, position) });
  },
  AccountPinRemoved: (state, { data }) => {
    state.pins.delete(pinKey(data.scope));
  },
};
