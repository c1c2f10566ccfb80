import type { DomainEvent } from './events.js';
import type { Usage } from './errors.js';
import { linkScopeOf, type LinkScope } from './scope.js';
import type { OrgState } from './state.js';

/** Where a provider is in use: its links and the defaults it holds. */
export const usagesOf = (state: OrgState, providerId: string): Usage[] => {
  const usages: Usage[] = [];
  for (const slot of state.slotsByProvider.get(providerId) ?? []) {
    const link = state.links.get(slot);
    if (link?.providerId !== providerId) continue;
    const { scope } = link;
    if (scope.kind === 'service') usages.push({ kind: 'service', app: scope.app, service: scope.service });
    else
      usages.push({
        kind: 'instance',
        app: scope.app,
        service: scope.service,
        stage: scope.stage,
        ...(scope.kind === 'instance' ? { region: scope.region } : {}),
      });
  }
  for (const [type, { providerId: id }] of state.defaults) if (id === providerId) usages.push({ kind: 'default', type });
  return usages;
};

/** A usage as a person reads it. */
export const describeUsage = (usage: Usage): string =>
  usage.kind === 'default'
    ? `the organization default for ${usage.type}`
    : usage.kind === 'service'
      ? `service ${usage.app}/${usage.service}`
      : `${usage.region ? 'instance' : 'stage'} ${[usage.app, usage.service, usage.stage, usage.region].filter(Boolean).join('/')}`;

/** The event that unlinks a provider from a scope. */
export const unlinkEvent = (providerId: string, scope: LinkScope): DomainEvent =>
  scope.kind === 'service'
    ? { type: 'ProviderUnlinkedFromService', data: { providerId, app: scope.app, service: scope.service } }
    : {
        type: 'ProviderUnlinkedFromInstance',
        data: { providerId, app: scope.app, service: scope.service, stage: scope.stage, ...(scope.kind === 'instance' ? { region: scope.region } : {}) },
      };

/** The event that ends one usage of a provider. */
export const releaseEvent = (providerId: string, usage: Usage): DomainEvent =>
  usage.kind === 'default' ? { type: 'DefaultProviderCleared', data: { providerId, type: usage.type } } : unlinkEvent(providerId, linkScopeOf(usage));
