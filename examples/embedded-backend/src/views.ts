// What the API and the page show, computed from the library's read models (catalog and resolution index).
import type { ReadModels, ResolvedProvider } from '@providers/projections';
import type { PictureResponse, PlacementView, ProviderView, SlotView } from './api.js';

/** The org's current providers, each with the default it is and where it is linked. */
export const providerViews = (models: ReadModels, orgId: string): ProviderView[] =>
  models.catalog.list(orgId).map((provider) => {
    const usages = models.catalog.usages(orgId, provider.id);
    return {
      id: provider.id,
      name: provider.name,
      type: provider.type,
      accountId: provider.accountId ?? null,
      roleArn: provider.roleArn ?? null,
      defaultFor: usages.defaults[0]?.type ?? null,
      usages: [
        ...usages.services.map((u) => ({ app: u.app, service: u.service, stage: null, region: null })),
        ...usages.instances.map((u) => ({ app: u.app, service: u.service, stage: u.stage, region: u.region ?? null })),
      ],
    };
  });

const slotOf = (provider: ProviderView | ResolvedProvider | undefined): SlotView =>
  provider === undefined ? null : { providerId: provider.id, name: provider.name, accountId: provider.accountId ?? null };

/**
 * The inheritance picture of one service: the org default, the service's own
 * link, and every stage or instance linked below it, each with what it
 * resolves to and from which scope.
 */
export const servicePicture = (models: ReadModels, orgId: string, app: string, service: string, type = 'aws'): PictureResponse => {
  const providers = providerViews(models, orgId).filter((p) => p.type === type);
  const here = (u: ProviderView['usages'][number]) => u.app === app && u.service === service;
  const serviceLink = providers.find((p) => p.usages.some((u) => here(u) && u.stage === null));
  const placements: PlacementView[] = providers
    .flatMap((provider) => provider.usages.filter((u) => here(u) && u.stage !== null).map((u) => ({ provider, stage: u.stage!, region: u.region })))
    .sort((a, b) => `${a.stage}/${a.region ?? ''}`.localeCompare(`${b.stage}/${b.region ?? ''}`))
    .map(({ provider, stage, region }) => {
      const resolution = models.index.resolve({ orgId, app, service, stage, type, ...(region !== null ? { region } : {}) });
      return { stage, region, linked: slotOf(provider), resolves: slotOf(resolution.provider ?? undefined), source: resolution.source };
    });
  return {
    orgId,
    app,
    service,
    type,
    orgDefault: slotOf(providers.find((p) => p.defaultFor === type)),
    serviceLink: slotOf(serviceLink),
    placements,
  };
};
