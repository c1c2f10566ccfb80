import type { LinkPlace } from './link-tree.js';
import type { ProjectedEvent } from './projected-event.js';

/**
 * What a read model that keeps links does with a link event, once the shared
 * fold has read it: which slot it touches (a provider type and a place) and
 * which provider (null: a local-credentials link). Each model keeps its
 * slots its own way; the reading of the events is the same for all.
 */
export interface LinkRecords<Org> {
  /** The type of a provider the org holds; undefined when it holds none by that id. */
  providerType(org: Org, providerId: string): string | undefined;
  /** A slot linked to a provider, or to local credentials, by the event `e`. */
  linked(org: Org, type: string, place: LinkPlace, providerId: string | null, e: ProjectedEvent): void;
  /** A slot's provider, or local-credentials link, unlinked. */
  unlinked(org: Org, type: string, place: LinkPlace, providerId: string | null): void;
}

/**
 * The one fold of link events into a read model: a provider link or unlink
 * takes the slot of the provider's type, and one naming a provider the org
 * does not hold changes nothing; a local-credentials link names its type.
 * Returns false for an event that is not about links.
 */
export const foldLink = <Org>(records: LinkRecords<Org>, org: Org, e: ProjectedEvent): boolean => {
  const { event } = e;
  switch (event.type) {
    case 'ProviderLinkedToService':
    case 'ProviderLinkedToInstance': {
      const type = records.providerType(org, event.data.providerId);
      if (type !== undefined) records.linked(org, type, event.data, event.data.providerId, e);
      return true;
    }
    case 'ProviderUnlinkedFromService':
    case 'ProviderUnlinkedFromInstance': {
      const type = records.providerType(org, event.data.providerId);
      if (type !== undefined) records.unlinked(org, type, event.data, event.data.providerId);
      return true;
    }
    case 'LocalCredentialsLinked':
      records.linked(org, event.data.type, event.data, null, e);
      return true;
    case 'LocalCredentialsUnlinked':
      records.unlinked(org, event.data.type, event.data, null);
      return true;
    default:
      return false;
  }
};
