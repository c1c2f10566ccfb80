/**
 * What a DefaultProviderCleared event does to an org's defaults, in the org
 * state and in every read model that keeps them: it clears the default of
 * its provider type only while that is still the provider it names, so a
 * default set since then stays.
 */
export const clearDefault = <Entry extends { readonly providerId: string | null }>(
  defaults: Map<string, Entry>,
  cleared: { readonly type: string; readonly providerId: string },
): void => {
  if (defaults.get(cleared.type)?.providerId === cleared.providerId) defaults.delete(cleared.type);
};
