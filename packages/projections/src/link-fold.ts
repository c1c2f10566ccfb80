import type { LinkPlace } from './link-tree.js';
import type { ProjectedEvent } from './projected-event.js';

/**
 * What a read model that keeps links does with a link event, once the shared
 * fold has read it: which slot it touches (a provider type and a place) and
 * which provider (null: a local-credentials link). Each model keeps its
 * slots its own way; the reading of the events is the same for all.
 */
export interface LinkRecords<Org> {
  /**
   * A provider the org holds, its id and type; undefined when it holds none by that id. Its id,
   * not the event's copy of it, is what a link keeps: one string per provider, not one per link.
   */
  provider(org: Org, providerId: string): { readonly id: string; readonly type: string } | undefined;
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
      const provider = records.provider(org, event.data.providerId);
      if (provider !== undefined) records.linked(org, provider.type, event.data, provider.id, e);
      return true;
    }
    case 'ProviderUnlinkedFromService':
    case 'ProviderUnlinkedFromInstance': {
      const provider = records.provider(org, event.data.providerId);
      if (provider !== undefined) records.unlinked(org, provider.type, event.data, provider.id);
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
