import type { OrgState } from '@providers/domain';
import type { EventStore } from '@providers/store';

/** The key id of a provider's data key: every secret of the provider is sealed under it. */
export const dataKeyId = (orgId: string, providerId: string): string => `${orgId}/${providerId}`;

/** The external ids of the org's access roles, for orgs whose roles predate the recorded one. */
function* roleExternalIds(state: OrgState): Iterable<string> {
  for (const provider of state.providers.values()) if (provider.credentials.kind === 'aws-role') yield provider.credentials.externalId;
}

/**
 * The org's external id (AWS asks for one unique per customer, not secret):
 * recorded once beside the org's stream, so that the IAM template printed
 * before any provider exists and every role added after agree.
 */
export interface OrgExternalId {
  /** The recorded one, else one its roles were generated with, else a new one; nothing is recorded. */
  proposed(state: OrgState): Promise<string>;
  /** Records a proposed id as the org's unless it has one; false when another writer recorded a different one first. */
  keep(externalId: string): Promise<boolean>;
  /** The org's, recorded now if it had none. */
  current(state: OrgState): Promise<string>;
}

/** The external id of one org (vending is loaded on first use). */
export const orgExternalIdOf = (events: EventStore, orgId: string): OrgExternalId => ({
  proposed: async (state) => (await import('@providers/vending')).proposedOrgExternalId(events, orgId, roleExternalIds(state)),
  keep: async (externalId) => (await import('@providers/vending')).keepOrgExternalId(events, orgId, externalId),
  current: async (state) => (await import('@providers/vending')).orgExternalIdForRoles(events, orgId, roleExternalIds(state)),
});
