import { pinExcluding, pinsAlong } from './account-pins.js';
import { viewAfter, viewOf, type AccountView } from './account-view.js';
import type { CommandType } from './commands.js';
import type { DomainError, PinNamed } from './errors.js';
import type { DomainEvent, EventType } from './events.js';
import { describePinScope, pinScopeOf } from './pin-scope.js';
import { trustedAccountOf, unobservedKeysAccount } from './account-pins.js';
import { DEFAULT_PROVIDER_TYPE, resolveOver, scopesFrom, type ResolvedProvider, type ResolutionSource } from './resolution.js';
import { scopeKey, type Scope } from './scope.js';
import type { OrgState } from './state.js';

/** The events that can change which account a pinned scope deploys to. */
const GUARDED: ReadonlySet<EventType> = new Set<EventType>([
  'ProviderCredentialsUpdated',
  'ProviderRemoved',
  'DefaultProviderSet',
  'DefaultProviderCleared',
  'ProviderLinkedToService',
  'ProviderLinkedToInstance',
  'ProviderUnlinkedFromService',
  'ProviderUnlinkedFromInstance',
  'LocalCredentialsUnlinked',
  'AccountPinned',
]);

/** The field of a command a refusal is about; a link, a default and most others name a provider. */
const FIELD: Partial<Record<CommandType, string>> = {
  PinAccount: 'accountIds',
  UpdateProviderCredentials: 'credentials',
  UnlinkProviderFromService: 'providerType',
  UnlinkProviderFromInstance: 'providerType',
  RemoveProvider: 'force',
};

interface Violation {
  readonly scope: Scope;
  readonly source: ResolutionSource;
  readonly pin: PinNamed;
  readonly provider: ResolvedProvider;
  readonly accountId: string | null;
}

/** What deploying at a scope would use, when that breaks a pin on its chain. */
const violationAt = (view: AccountView, scope: Scope): Violation | undefined => {
  const pins = pinsAlong(view.pinAt, pinScopeOf(scope));
  if (pins.length === 0) return undefined;
  const { provider, source } = resolveOver(view, DEFAULT_PROVIDER_TYPE, scopesFrom(scope));
  if (provider === null) return undefined;
  const accountId = trustedAccountOf(provider);
  const pin = pinExcluding(pins, accountId);
  return pin && { scope, source, pin: { scope: pin.scope, accountIds: pin.accountIds }, provider, accountId };
};

const where = (scope: Scope): string => (scope.kind === 'org-default' ? 'deployments on the org default' : `${scope.kind} ${scopeKey(scope)}`);

/** Why an account is not known: for static keys, what makes it known. */
const unknownAccount = (provider: ResolvedProvider): string =>
  provider.credentials.kind === 'aws-keys' ? `an account that is not known (${unobservedKeysAccount(provider.accountId)})` : 'an account that is not known';

const refusal = ({ scope, source, pin, provider, accountId }: Violation, field: string): DomainError => ({
  _tag: 'AccountNotAllowed',
  field,
  scope,
  pin,
  providerId: provider.id,
  providerName: provider.name,
  accountId,
  message: `${where(scope)} would deploy with provider "${provider.name}" (${source === scope.kind ? 'linked there' : `through the ${source} link`}) in ${
    accountId === null ? unknownAccount(provider) : `account ${accountId}`
  }, but ${describePinScope(pin.scope)} is pinned to ${pin.accountIds.join(', ')}`,
});

/**
 * The rule that no command may make a pinned scope resolve to a provider of
 * another account (or of an account not known): a link, a replacement, a
 * default, an unlink that falls back to a wider link, new credentials, a
 * removal, a pin. Checked on the state the command's events would leave, for
 * every command alike; a conflict that was there before the command (from
 * events written around the rules) is not blamed on it.
 */
export const accountConflict = (command: { readonly type: CommandType }, state: OrgState, events: readonly DomainEvent[]): DomainError | undefined => {
  if (!events.some((event) => GUARDED.has(event.type))) return undefined;
  const after = viewAfter(state, events);
  if (!after.hasPins) return undefined;
  const before = viewOf(state);
  for (const scope of after.points()) {
    const found = violationAt(after, scope);
    if (!found) continue;
    const was = violationAt(before, scope);
    if (was && was.provider.id === found.provider.id && was.accountId === found.accountId) continue;
    return refusal(found, FIELD[command.type] ?? 'providerId');
  }
  return undefined;
};
