import type { CommandOf } from './commands.js';
import { ok, reject, unchanged, withProvider, type Decider, type Decision } from './decision.js';
import { linkScopeOf, scopeKey, slotKey, type LinkScope } from './scope.js';
import type { OrgState } from './state.js';
import { unlinkEvent } from './usages.js';

const setDefault = (command: CommandOf<'SetDefaultProvider'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    const current = state.defaults.get(provider.type)?.providerId;
    if (current === provider.id) return unchanged;
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

const link = (state: OrgState, providerId: string, scope: LinkScope, replace: boolean | undefined): Decision =>
  withProvider(state, providerId, (provider) => {
    const current = state.links.get(slotKey(provider.type, scope));
    if (current?.providerId === provider.id) return unchanged;
    if (current && !replace) {
      const linked = state.providers.get(current.providerId);
      return reject({
        _tag: 'ScopeAlreadyLinked',
        field: 'replace',
        scope,
        linkedProviderId: current.providerId,
        message: `${scope.kind} ${scopeKey(scope)} already uses ${provider.type} provider "${linked?.name ?? current.providerId}"; link with replace (CLI: --replace) to use "${provider.name}" instead`,
      });
    }
    const replaced = current ? { replacedProviderId: current.providerId } : {};
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

const unlink = (state: OrgState, providerType: string, scope: LinkScope): Decision => {
  const current = state.links.get(slotKey(providerType, scope));
  if (!current)
    return reject({
      _tag: 'NothingLinked',
      field: 'providerType',
      scope,
      message: `no ${providerType} provider is linked to ${scope.kind} ${scopeKey(scope)}`,
    });
  return ok(unlinkEvent(current.providerId, scope));
};

/** The links and defaults sub-domain: which provider a service, stage, instance or the org uses. */
export const linksDecider: Decider<
  | 'SetDefaultProvider'
  | 'ClearDefaultProvider'
  | 'LinkProviderToService'
  | 'LinkProviderToInstance'
  | 'UnlinkProviderFromService'
  | 'UnlinkProviderFromInstance'
> = {
  SetDefaultProvider: setDefault,
  ClearDefaultProvider: clearDefault,
  LinkProviderToService: (command, state) => link(state, command.providerId, linkScopeOf(command), command.replace),
  LinkProviderToInstance: (command, state) => link(state, command.providerId, linkScopeOf(command), command.replace),
  UnlinkProviderFromService: (command, state) => unlink(state, command.providerType, linkScopeOf(command)),
  UnlinkProviderFromInstance: (command, state) => unlink(state, command.providerType, linkScopeOf(command)),
};
