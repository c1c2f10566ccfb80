import { allowedAccounts, normalizedAccountIds, pinsAlong } from './account-pins.js';
import type { CommandOf } from './commands.js';
import { ok, reject, unchanged, type Decider, type Decision } from './decision.js';
import type { DomainError, PinNamed } from './errors.js';
import { describePinScope, pinKey, pinScopeWithin, type PinScope } from './pin-scope.js';
import type { OrgState } from './state.js';

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * A pin is refused when it leaves a scope no account at all: the scope it
 * pins (with the pins above it), or any pinned scope within it.
 */
const emptiedBy = (state: OrgState, pinned: PinNamed): DomainError | undefined => {
  const key = pinKey(pinned.scope);
  const pinAt = (scope: PinScope): PinNamed | undefined => (pinKey(scope) === key ? pinned : state.pins.get(pinKey(scope)));
  const within = [...state.pins.values()].filter((pin) => pinKey(pin.scope) !== key && pinScopeWithin(pin.scope, pinned.scope));
  for (const scope of [pinned.scope, ...within.map((pin) => pin.scope)]) {
    const pins = pinsAlong(pinAt, scope);
    if (allowedAccounts(pins)!.length > 0) continue;
    return {
      _tag: 'AllowedAccountsEmpty',
      field: 'accountIds',
      scope,
      pins: pins.map((pin) => ({ scope: pin.scope, accountIds: pin.accountIds })),
      message: `pinning ${describePinScope(pinned.scope)} to ${pinned.accountIds.join(', ')} would leave ${describePinScope(scope)} no account: ${pins
        .map((pin) => `${describePinScope(pin.scope)} allows ${pin.accountIds.join(', ')}`)
        .join('; ')}`,
    };
  }
  return undefined;
};

const pinAccount = (command: CommandOf<'PinAccount'>, state: OrgState): Decision => {
  const accountIds = normalizedAccountIds(command.accountIds);
  const current = state.pins.get(pinKey(command.scope));
  if (current && sameIds(current.accountIds, accountIds) && current.reason === command.reason) return unchanged;
  const error = emptiedBy(state, { scope: command.scope, accountIds });
  if (error) return reject(error);
  return ok({ type: 'AccountPinned', data: { scope: command.scope, accountIds, reason: command.reason } });
};

const removePin = (command: CommandOf<'RemoveAccountPin'>, state: OrgState): Decision => {
  const current = state.pins.get(pinKey(command.scope));
  if (!current)
    return reject({ _tag: 'NoAccountPin', field: 'scope', scope: command.scope, message: `${describePinScope(command.scope)} has no account pin` });
  return ok({ type: 'AccountPinRemoved', data: { scope: current.scope, reason: command.reason } });
};

/**
 * The account pins sub-domain: which AWS accounts a scope may deploy to.
 * Whether the links then still fit the pins is checked for every command
 * alike (see account-guard.ts).
 */
export const pinsDecider: Decider<'PinAccount' | 'RemoveAccountPin'> = {
  PinAccount: pinAccount,
  RemoveAccountPin: removePin,
};
