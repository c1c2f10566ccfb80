import type { DomainEvent, EventOf } from './events.js';
import type { ProviderState } from './state.js';

/** The events of a provider's life: added, renamed, given new credentials, removed. */
export type ProviderEvent = EventOf<'ProviderAdded' | 'ProviderRenamed' | 'ProviderCredentialsUpdated' | 'ProviderRemoved'>;

/** Tells the events of a provider's life from the others. */
export const isProviderEvent = (event: DomainEvent): event is ProviderEvent =>
  event.type === 'ProviderAdded' || event.type === 'ProviderRenamed' || event.type === 'ProviderCredentialsUpdated' || event.type === 'ProviderRemoved';

type DataOf<K extends ProviderEvent['type']> = EventOf<K>['data'];

/**
 * What a model keeps of a provider, and what each event of its life makes of
 * it. `C` is whatever else the model needs to build its record (the event's
 * stamp, its own indexes).
 */
export interface ProviderRecords<P, C = undefined> {
  added(data: DataOf<'ProviderAdded'>, context: C): P;
  renamed(provider: P, data: DataOf<'ProviderRenamed'>, context: C): P;
  credentialsUpdated(provider: P, data: DataOf<'ProviderCredentialsUpdated'>, context: C): P;
  /** What is kept of a removed provider: a record that says so, or undefined to forget it. */
  removed(provider: P, data: DataOf<'ProviderRemoved'>, context: C): P | undefined;
  /** A record that events no longer change (one kept after its removal); none when removed ones are forgotten. */
  isRemoved?(provider: P): boolean;
}

/**
 * The one fold of providers: an added provider gets a record; an event about
 * a provider the map does not hold (or holds as removed) changes nothing; any
 * other event replaces the record, or drops it. Every model that keeps
 * providers (the org state, the resolution index, the catalog, the audit
 * trail) folds them with this, each with its own records.
 */
export const foldProvider = <P, C>(records: ProviderRecords<P, C>, providers: Map<string, P>, event: ProviderEvent, context: C): void => {
  const { providerId } = event.data;
  if (event.type === 'ProviderAdded') {
    providers.set(providerId, records.added(event.data, context));
    return;
  }
  const provider = providers.get(providerId);
  if (provider === undefined || records.isRemoved?.(provider)) return;
  const next =
    event.type === 'ProviderRenamed'
      ? records.renamed(provider, event.data, context)
      : event.type === 'ProviderCredentialsUpdated'
        ? records.credentialsUpdated(provider, event.data, context)
        : records.removed(provider, event.data, context);
  if (next === undefined) providers.delete(providerId);
  else providers.set(providerId, next);
};

// New credentials bring their own account, and whether STS observed it: nothing of the old one stays.
const accountOf = (accountId: string | undefined, accountObserved: true | undefined) => ({
  ...(accountId ? { accountId } : {}),
  ...(accountId && accountObserved ? { accountObserved } : {}),
});

/** The provider as the rules and resolution see it: its name, type, sealed credentials and account; forgotten once removed. */
export const PROVIDER_STATE: ProviderRecords<ProviderState, unknown> = {
  added: ({ providerId, name, type, credentials, accountId, accountObserved }) => ({ id: providerId, name, type, credentials, ...accountOf(accountId, accountObserved) }),
  renamed: (provider, { to }) => ({ ...provider, name: to }),
  credentialsUpdated: ({ accountId: _previous, accountObserved: _observed, ...rest }, { credentials, accountId, accountObserved }) => ({
    ...rest,
    credentials,
    ...accountOf(accountId, accountObserved),
  }),
  removed: () => undefined,
};
