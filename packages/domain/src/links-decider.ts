import type { CommandOf } from './commands.js';
import { ok, reject, unchanged, withProvider, type Decider, type Decision } from './decision.js';
import type { DomainError } from './errors.js';
import { linkScopeOf, placeOf, scopeKey, slotKey, type LinkScope } from './scope.js';
import type { LinkState, OrgState } from './state.js';
import { unlinkEvent } from './usages.js';

const setDefault = (command: CommandOf<'SetDefaultProvider'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    const current = state.defaults.get(provider.type)?.providerId;
    if (current === provider.id) return unchanged;
    if (current !== undefined && !command.replace) {
      const name = state.providers.get(current)?.name ?? current;
      return reject({
        _tag: 'DefaultAlreadySet',
        field: 'replace',
        providerType: provider.type,
        defaultProviderId: current,
        message: `the organization's default ${provider.type} provider is "${name}"; set the default with replace (CLI: --replace) to use "${provider.name}" instead`,
      });
    }
    return ok({
      type: 'DefaultProviderSet',
      data: { providerId: provider.id, type: provider.type, ...(current ? { replacedProviderId: current } : {}) },
    });
  });

const clearDefault = (command: CommandOf<'ClearDefaultProvider'>, state: OrgState): Decision => {
  const current = state.defaults.get(command.providerType)?.providerId;
  if (current === undefined)
    return reject({
      _tag: 'NoDefaultProvider',
      field: 'providerType',
      providerType: command.providerType,
      message: `the organization has no default ${command.providerType} provider`,
    });
  return ok({ type: 'DefaultProviderCleared', data: { providerId: current, type: command.providerType } });
};

/** A scope holds one link per type; replacing it takes `replace`, as the message says. */
const scopeTaken = (state: OrgState, scope: LinkScope, current: LinkState, wanted: string): DomainError => {
  const where = `${scope.kind} ${scopeKey(scope)}`;
  const how = `with replace (CLI: --replace) to use ${wanted} instead`;
  if (current.providerId === null)
    return {
      _tag: 'ScopeUsesLocalCredentials',
      field: 'replace',
      scope,
      providerType: current.providerType,
      message: `${where} deploys with local credentials for ${current.providerType} on purpose; link ${how}`,
    };
  const linked = state.providers.get(current.providerId);
  return {
    _tag: 'ScopeAlreadyLinked',
    field: 'replace',
    scope,
    linkedProviderId: current.providerId,
    message: `${where} already uses ${current.providerType} provider "${linked?.name ?? current.providerId}"; link ${how}`,
  };
};

/** What a new link at a slot records of the one it replaces. */
const replacing = (current: LinkState | undefined) =>
  current === undefined ? {} : current.providerId === null ? { replacedLocalCredentials: true as const } : { replacedProviderId: current.providerId };

const link = (state: OrgState, providerId: string, scope: LinkScope, replace: boolean | undefined): Decision =>
  withProvider(state, providerId, (provider) => {
    const current = state.links.get(slotKey(provider.type, scope));
    if (current?.providerId === provider.id) return unchanged;
    if (current && !replace) return reject(scopeTaken(state, scope, current, `"${provider.name}"`));
    const replaced = replacing(current);
    if (scope.kind === 'service')
      return ok({ type: 'ProviderLinkedToService', data: { providerId: provider.id, app: scope.app, service: scope.service, ...replaced } });
    return ok({
      type: 'ProviderLinkedToInstance',
      data: {
        providerId: provider.id,
        app: scope.app,
        service: scope.service,
        stage: scope.stage,
        ...(scope.kind === 'instance' ? { region: scope.region } : {}),
        ...replaced,
      },
    });
  });

const linkLocal = (state: OrgState, providerType: string, scope: LinkScope, replace: boolean | undefined): Decision => {
  const current = state.links.get(slotKey(providerType, scope));
  if (current?.providerId === null) return unchanged;
  if (current && !replace) return reject(scopeTaken(state, scope, current, 'local credentials'));
  return ok({ type: 'LocalCredentialsLinked', data: { type: providerType, ...placeOf(scope), ...replacing(current) } });
};

const unlink = (state: OrgState, providerType: string, scope: LinkScope): Decision => {
  const current = state.links.get(slotKey(providerType, scope));
  if (!current)
    return reject({
      _tag: 'NothingLinked',
      field: 'providerType',
      scope,
      message: `no ${providerType} provider or local-credentials link is set at ${scope.kind} ${scopeKey(scope)}`,
    });
  if (current.providerId === null) return ok({ type: 'LocalCredentialsUnlinked', data: { type: providerType, ...placeOf(scope) } });
  return ok(unlinkEvent(current.providerId, scope));
};

/**
 * The links and defaults sub-domain: which provider a service, stage,
 * instance or the org uses, or that a scope uses local credentials on purpose.
 */
export const linksDecider: Decider<
  | 'SetDefaultProvider'
  | 'ClearDefaultProvider'
  | 'LinkProviderToService'
  | 'LinkProviderToInstance'
  | 'UnlinkProviderFromService'
  | 'UnlinkProviderFromInstance'
  | 'LinkLocalCredentialsToService'
  | 'LinkLocalCredentialsToInstance'
> = {
  SetDefaultProvider: setDefault,
  ClearDefaultProvider: clearDefault,
  LinkProviderToService: (command, state) => link(state, command.providerId, linkScopeOf(command), command.replace),
  LinkProviderToInstance: (command, state) => link(state, command.providerId, linkScopeOf(command), command.replace),
  UnlinkProviderFromService: (command, state) => unlink(state, command.providerType, linkScopeOf(command)),
  UnlinkProviderFromInstance: (command, state) => unlink(state, command.providerType, linkScopeOf(command)),
  LinkLocalCredentialsToService: (command, state) => linkLocal(state, command.providerType, linkScopeOf(command), command.replace),
  LinkLocalCredentialsToInstance: (command, state) => linkLocal(state, command.providerType, linkScopeOf(command), command.replace),
};
