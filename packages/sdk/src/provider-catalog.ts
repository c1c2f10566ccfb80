import type { CatalogProvider, ProviderUsages, ReadModels } from '@providers/projections';

/** A provider as the catalog shows it (never a secret value), with where it is used and who set that when. */
export type CatalogEntry = CatalogProvider & { readonly usages: ProviderUsages };

/** The org's current providers in name order, or only the one with this id or name. */
export const catalogEntries = (models: ReadModels, orgId: string, idOrName?: string): CatalogEntry[] => {
  const { catalog } = models;
  const found = idOrName === undefined ? catalog.list(orgId) : [catalog.get(orgId, idOrName)];
  return found
    .filter((provider): provider is CatalogProvider => provider !== undefined && !provider.removed)
    .map((provider) => ({ ...provider, usages: catalog.usages(orgId, provider.id) }));
};
