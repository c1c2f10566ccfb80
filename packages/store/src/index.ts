export type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  Json,
  NewEvent,
  ReadAllFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionMessage,
} from './event-store.js';
export { WrongExpectedRevision, StoreUnavailable, StoreFailure, isStoreError, type StoreError } from './errors.js';
export type { KeyStore, StoredKey } from './key-store.js';
