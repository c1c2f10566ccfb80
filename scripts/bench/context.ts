// What the bench rows share: sizes, the generated store, and where temporary files go.
import type { GeneratedHistory } from './generate-history.js';

/** The sizes of one bench run (`--quick` scales them down). */
export interface BenchSizes {
  /** Orgs of the multi-org history and events per org. */
  readonly orgs: number;
  readonly eventsPerOrg: number;
  /** Events of history of the one big org (command latency). */
  readonly bigOrgEvents: number;
  /** Instance links in the in-memory resolution index. */
  readonly indexLinks: number;
  readonly lookups: number;
  readonly commands: number;
  readonly vendRequests: number;
  readonly vendInstances: number;
  readonly legacyRecords: number;
  readonly appends: number;
  /** Rounds per side-by-side measurement. */
  readonly runs: number;
}

/** The default sizes (under 10 minutes on 2 cores) and the `--quick` ones (under 1 minute). */
export const SIZES: { readonly full: BenchSizes; readonly quick: BenchSizes } = {
  full: { orgs: 200, eventsPerOrg: 5000, bigOrgEvents: 1_000_000, indexLinks: 1_000_000, lookups: 2_000_000, commands: 300, vendRequests: 10_000, vendInstances: 100, legacyRecords: 100_000, appends: 3000, runs: 5 },
  quick: { orgs: 20, eventsPerOrg: 2500, bigOrgEvents: 50_000, indexLinks: 100_000, lookups: 200_000, commands: 100, vendRequests: 1000, vendInstances: 100, legacyRecords: 10_000, appends: 500, runs: 3 },
};

/** The run's shared state. */
export interface BenchContext {
  readonly quick: boolean;
  readonly sizes: BenchSizes;
  readonly dir: string;
  /** The SQLite file holding the multi-org history, then the big org. */
  readonly storePath: string;
  readonly history: GeneratedHistory;
  /** The last position of the multi-org history (the big org's events come after). */
  readonly historyEnd: bigint;
  readonly bigOrgId: string;
}
