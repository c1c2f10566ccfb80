import type { ReadModels } from '@providers/projections';
import type { EventStore } from '@providers/store';
import type { IssuanceQuery, IssuanceRow } from '@providers/vending';

/**
 * Who received credentials: the org's issuance records (never a secret),
 * oldest first, filtered like the audit trail and joined with the provider
 * catalog (the provider's name at the time, and now).
 */
export const issuanceOf = async (events: EventStore, orgId: string, query: IssuanceQuery, models: Promise<ReadModels>): Promise<IssuanceRow[]> => {
  const { createIssuanceLog, queryIssuance } = await import('@providers/vending');
  const records = await createIssuanceLog(events).read(orgId);
  const { catalog } = await models;
  const names = new Map<string, string>();
  for (const record of records)
    if (record.providerId !== null && !names.has(record.providerId)) {
      const entry = catalog.get(orgId, record.providerId);
      if (entry !== undefined && !entry.removed) names.set(record.providerId, entry.name);
    }
  return queryIssuance(records, query, names);
};
