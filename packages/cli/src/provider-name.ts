import type { CliContext } from './context.js';

/** A provider named as people know it, by name, with its id (a provider since removed by its id alone). */
export const providerNameOf = async (ctx: CliContext, orgId: string, providerId: string): Promise<string> => {
  const provider = await (await ctx.providers()).findProvider(orgId, providerId);
  return provider ? `"${provider.name}" (${providerId})` : providerId;
};
