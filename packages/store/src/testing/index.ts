export { eventStoreContract, type EventStoreContractOptions, type OpenedEventStore } from './event-store-contract.js';
export { keyStoreContract, type KeyStoreAbilities, type KeyStoreContractOptions, type OpenedKeyStore } from './key-store-contract.js';
export { snapshotStoreContract, type SnapshotStoreContractOptions, type OpenedSnapshotStore } from './snapshot-store-contract.js';
/** Writers in other OS processes, started and cued the same way by every multi-process test. */
export { startReadyProcess, type ReadyProcess } from './ready-process.js';
/** A free loopback port, for servers a test starts and for one that is down. */
export { freePort } from './free-port.js';
/** A typed rejection expected, and a bound on waiting, for tests of stores and of what runs on them. */
export { rejection, within } from './awaited.js';
/** The three contracts against one adapter's stores, and the frame every contract suite is built on. */
export { adapterContracts, type AdapterUnderContract, type StoreKind } from './adapter-contracts.js';
export { storeContract, type ContractOptions, type OpenedStore, type StoreContract } from './contract-suite.js';
