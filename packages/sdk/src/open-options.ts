import type { CommandHandlerOptions, SnapshotWarning } from '@providers/commands';
import type { MasterKeyring } from '@providers/secrets';
import type { StsOptions, VendorOptions } from '@providers/vending';
import type { KeysAccountObservation } from './keys-account.js';
import type { Stores } from './store-url.js';

/** How to open the library: where the stores are, the master keys, STS, lazy migration. */
export interface OpenOptions {
  /** Migrate an org's deployment profiles the first time it is resolved or vended for (once per org per process). */
  readonly migrateOnFirstUse?: boolean;
  /** How vending reaches STS and which identity it uses (default: the SDK's chain, AWS_ENDPOINT_URL_STS honoured). */
  readonly sts?: StsOptions;
  /**
   * Ask STS (GetCallerIdentity, signed with the keys, through `sts`) which account static keys act
   * in whenever they are added or updated, and record it as observed (default false: only in an
   * org with account pins, so that offline use never reaches AWS).
   */
  readonly observeKeysAccount?: boolean;
  /** A store URL (`sqlite:PATH`, `memory:`, `esdb://…`) or stores already opened. Default: the embedded SQLite file. */
  readonly store?: string | Stores;
  /** The master keys that wrap data keys. Default: from PROVIDERS_MASTER_KEY / PROVIDERS_MASTER_KEY_FILE, if set. */
  readonly masterKeys?: MasterKeyring;
  /** Told when a snapshot could not be used or saved (the answer was replayed and is right); the CLI prints it on stderr. */
  readonly onWarning?: (warning: SnapshotWarning) => void;
  /**
   * Record every hand-out in the org's issuance log before returning it (default true). Off,
   * credentials are handed out with no record: only for measuring what the log costs.
   */
  readonly recordIssuance?: boolean;
  /** The client named in issuance records when a vend request names none (default `sdk`). */
  readonly client?: string;
  /** The store's time in ms (default Date.now): a command dated more than 15 minutes from it is refused. Tools that record a history of their own dates pass theirs. */
  readonly clock?: () => number;
  /**
   * Open the store for reading only (SQLite): a read-only file, or another user's, can be read,
   * snapshots are restored but not saved, and every write fails. A missing file reads as empty.
   */
  readonly readOnly?: boolean;
  /**
   * How many orgs' state and read models are kept in memory, each brought current by a read of
   * its stream's tail (default `DEFAULT_CACHED_ORGS`, 1000). Beyond it the org used least recently
   * is dropped, and loaded again (its snapshot and tail, or a replay) when next asked for.
   */
  readonly cachedOrgs?: number;
}

/** How the command handler runs on these stores with these options: snapshots, warnings, the store's clock, read-only, the orgs kept. */
export const commandHandlerOptions = (stores: Stores, options: OpenOptions): CommandHandlerOptions => ({
  ...(stores.snapshots ? { snapshots: stores.snapshots } : {}),
  ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  ...(options.clock ? { clock: options.clock } : {}),
  ...(options.readOnly ? { readOnly: true } : {}),
  ...(options.cachedOrgs !== undefined ? { cachedOrgs: options.cachedOrgs } : {}),
});

/** What the vendor takes from these options: STS, the client named in issuance records, the store's clock. */
export const vendorOptions = (options: OpenOptions): Pick<VendorOptions, 'sts' | 'client' | 'clock'> => ({
  ...(options.sts ? { sts: options.sts } : {}),
  client: options.client ?? 'sdk',
  ...(options.clock ? { clock: options.clock } : {}),
});

/** How static keys' account is observed: whether always, and through the STS vending uses. */
export const keysAccountObservation = (options: OpenOptions): KeysAccountObservation => ({
  always: options.observeKeysAccount === true,
  ...(options.sts ? { sts: options.sts } : {}),
});
