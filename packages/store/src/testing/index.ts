export { eventStoreContract, type EventStoreContractOptions, type OpenedEventStore } from './event-store-contract.js';
export { keyStoreContract, type KeyStoreContractOptions, type OpenedKeyStore } from './key-store-contract.js';
export { snapshotStoreContract, type SnapshotStoreContractOptions, type OpenedSnapshotStore } from './snapshot-store-contract.js';
