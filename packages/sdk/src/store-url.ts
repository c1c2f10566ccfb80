import { existsSync } from 'node:fs';
import { storeSet, type EventStore, type KeyStore, type SnapshotStore } from '@providers/store';
import { errorClass } from '@providers/domain';

/** Where the events live, as given by `--store` or `PROVIDERS_STORE`. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** The embedded default: one SQLite file under the working directory. */
export const DEFAULT_STORE_URL = 'sqlite:./.providers/events.db';

/**
 * A store URL as messages may show it: a password in it (`USER:PASSWORD@`, `?password=`) becomes
 * `***`. Store URLs come from flags and the environment and may hold one, mistyped ones too, so
 * anything shown of a URL goes through here. Where it is unsure what the user part is (an `@`
 * further on), it hides more, never less.
 */
export const displayStoreUrl = (url: string): string => {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  const rest = url.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  const withoutUserPassword = at > 0 && colon >= 0 && colon < at ? `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}` : url;
  return withoutUserPassword.replace(/([?&](?:password|passwd|pwd|sslpassword)=)[^&#]*/gi, '$1***');
};

/** A store URL that cannot be understood (shown without its password). */
export class InvalidStoreUrl extends errorClass('InvalidStoreUrl', 'usage', (given: string) => {
  const url = displayStoreUrl(given);
  return {
    fields: { field: 'store', url },
    message: `store URL ${JSON.stringify(url)} is not one of sqlite:PATH, memory:, esdb://HOST:PORT?… (or esdb+discover://…, kurrentdb://…), postgres://USER@HOST:PORT/DATABASE (or postgresql://…)`,
  };
}) {}

/** Reads a store URL: `sqlite:PATH`, `memory:`, `esdb://…` (also `esdb+discover://`, `kurrentdb://`), `postgres://…` (also `postgresql://`). */
export const parseStoreUrl = (url: string): StoreLocation => {
  if (url === 'memory:' || url === 'memory') return { kind: 'memory' };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw new InvalidStoreUrl(url);
    return { kind: 'sqlite', path };
  }
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(url)) {
    // The EventStoreDB client reads esdb:// and esdb+discover:// connection strings.
    return { kind: 'esdb', connectionString: url.replace(/^(kurrentdb|kdb)/, 'esdb') };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new InvalidStoreUrl(url);
};

/** The stores a deployment of the library needs: events, data keys beside them, and snapshots of the events' folds. */
export interface Stores {
  readonly events: EventStore;
  readonly keys: KeyStore;
  /** Snapshots and checkpoints kept in the same store; without them every cold start replays. */
  readonly snapshots?: SnapshotStore;
  close(): Promise<void>;
}

/**
 * Opens the stores at a location. Adapters are loaded on demand, so that a
 * process using SQLite never loads the gRPC client or `pg`, and the other way round.
 */
export const openStores = async (location: StoreLocation, options: { readonly readOnly?: boolean } = {}): Promise<Stores> => {
  switch (location.kind) {
    case 'memory': {
      const { MemoryEventStore, MemoryKeyStore, MemorySnapshotStore } = await import('@providers/store');
      return storeSet(new MemoryEventStore(), new MemoryKeyStore(), new MemorySnapshotStore());
    }
    case 'sqlite': {
      const { openSqliteStores } = await import('@providers/store-sqlite');
      // A store that is not there has no history to read: reading it creates no file.
      if (options.readOnly && !existsSync(location.path)) return openStores({ kind: 'memory' });
      return openSqliteStores(location.path, options.readOnly ? { readonly: true } : {});
    }
    case 'esdb': {
      const { EsdbEventStore, EsdbKeyStore, EsdbSnapshotStore } = await import('@providers/store-esdb');
      const at = location.connectionString;
      return storeSet(EsdbEventStore.connect(at), EsdbKeyStore.connect(at), EsdbSnapshotStore.connect(at));
    }
    case 'postgres': {
      const { openPostgresStores } = await import('@providers/store-postgres');
      return openPostgresStores(location.url);
    }
  }
};
