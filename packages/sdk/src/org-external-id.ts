import type { OrgState } from '@providers/domain';
import type { EventStore } from '@providers/store';

/** The key id of a provider's data key: every secret of the provider is sealed under it. */
export const dataKeyId = (orgId: string, providerId: string): string => `${orgId}/${providerId}`;

/** The external id of the org's first access role, for orgs whose roles predate the recorded one. */
const firstRoleExternalId = (state: OrgState): string | undefined => {
  for (const provider of state.providers.values())
    if (provider.credentials.kind === 'aws-role') return provider.credentials.externalId;
  return undefined;
};

/**
 * The org's external id (AWS asks for one unique per customer, not secret):
 * recorded once beside the org's stream, so that the IAM template printed
 * before any provider exists and every role added after agree.
 */
export interface OrgExternalId {
  /** The recorded one, else the org's first role's, else a new one; nothing is recorded. */
  proposed(state: OrgState): Promise<string>;
  /** The org's, recorded now if it had none. */
  current(state: OrgState): Promise<string>;
}

/** The external id of one org (vending is loaded on first use). */
export const orgExternalIdOf = (events: EventStore, orgId: string): OrgExternalId => ({
  proposed: async (state) => {
    const { generateExternalId, recordedExternalId } = await import('@providers/vending');
    return (await recordedExternalId(events, orgId)) ?? firstRoleExternalId(state) ?? generateExternalId(orgId);
  },
  current: async (state) => (await import('@providers/vending')).orgExternalId(events, orgId, firstRoleExternalId(state)),
});
