// Row: replay from the SQLite store (read + decode + validate + fold into the resolution index)
// beside a bare loop that reads the same rows and JSON.parses them; also without validation.
import { orgIdOfStream, type DomainEvent, type EventMetadata } from '../../packages/domain/src/index.js';
import { ResolutionIndex, project, type ProjectedEvent } from '../../packages/projections/src/index.js';
import { SqliteEventStore } from '../../packages/store-sqlite/src/index.js';
import type { BenchContext } from './context.js';
import { formatRate, log, loadBetterSqlite, perSecond, sideBySide, type BenchRow } from './measure.js';

const PAGE = 1000;

/** Reads the rows of the window with better-sqlite3 and parses their JSON: the floor of any replay. */
const bareLoop = (path: string, upTo: bigint): number => {
  const Database = loadBetterSqlite();
  const db = new Database(path, { readonly: true });
  const read = db
    .prepare('SELECT position, stream, revision, event_id, type, data, metadata FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?')
    .raw(true)
    .safeIntegers(true);
  let after = 0n;
  let count = 0;
  let checksum = 0;
  for (;;) {
    const rows = read.all(after, upTo, PAGE) as [bigint, string, bigint, string, string, string, string][];
    for (const row of rows) {
      const data = JSON.parse(row[5]);
      const metadata = JSON.parse(row[6]);
      if (data && metadata) checksum++;
      count++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]![0];
  }
  db.close();
  if (checksum !== count) throw new Error('unreachable');
  return count;
};

/** The same replay through the store's pages, folding events that were not upcast or validated. */
const unvalidated = async (store: SqliteEventStore, upTo: bigint): Promise<number> => {
  const index = new ResolutionIndex();
  let count = 0;
  for await (const page of store.readAll({ upTo, filter: { streamPrefixes: ['providers-org-'] } }))
    for (const recorded of page) {
      const event: ProjectedEvent = {
        orgId: orgIdOfStream(recorded.stream)!,
        revision: recorded.revision,
        position: recorded.position,
        event: { type: recorded.type, data: recorded.data } as DomainEvent,
        metadata: recorded.metadata as unknown as EventMetadata,
      };
      index.apply(event);
      count++;
    }
  return count;
};

/** Measures the replay row. */
export const replayRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const store = SqliteEventStore.open(ctx.storePath);
  const upTo = ctx.historyEnd;
  const events = Number(upTo);
  try {
    // At most 3 rounds: one round of the three contenders reads the history three times.
    const ms = await sideBySide(Math.min(3, ctx.sizes.runs), {
      bare: () => bareLoop(ctx.storePath, upTo),
      replay: () => project(store, [new ResolutionIndex()], { upTo }),
      unvalidated: () => unvalidated(store, upTo),
    });
    const bare = perSecond(events, ms.bare);
    const replay = perSecond(events, ms.replay);
    const loose = perSecond(events, ms.unvalidated);
    const ratio = replay / bare;
    log('bare read + JSON.parse', formatRate(bare));
    log('replay (decode + validate + fold)', `${formatRate(replay)}  ratio ${ratio.toFixed(2)}`);
    log('replay without validation', `${formatRate(loose)}  ratio ${(loose / bare).toFixed(2)}`);
    return {
      what: `replay from SQLite into the resolution index (${events.toLocaleString('en')} events)`,
      figure: `${ratio.toFixed(2)} × bare (${formatRate(replay)} vs ${formatRate(bare)}; unvalidated ${(loose / bare).toFixed(2)} ×)`,
      target: '≥ 0.6 × bare',
      met: ratio >= 0.6,
      bound: '',
    };
  } finally {
    await store.close();
  }
};
