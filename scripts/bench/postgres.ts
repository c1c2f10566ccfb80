// Rows: PostgreSQL beside SQLite in the same run — appends (one command per transaction through
// the command handler, each store fresh) and replay of the same history into the resolution
// index. The server is a throwaway one started here with durable settings (fsync on), as a
// production server runs; SQLite runs as the store opens it (WAL, synchronous = NORMAL).
import { join } from 'node:path';
import { ResolutionIndex, project } from '../../packages/projections/src/index.js';
import type { EventStore, RecordedEvent } from '../../packages/store/src/index.js';
import { PostgresEventStore } from '../../packages/store-postgres/src/index.js';
import { findPostgresBinaries, startTestPostgresServer, type TestPostgresServer } from '../../packages/store-postgres/src/testing/index.js';
import { SqliteEventStore } from '../../packages/store-sqlite/src/index.js';
import { timeLinkCommands } from './command-rate.js';
import type { BenchContext } from './context.js';
import { formatRate, log, perSecond, sideBySide, timeOnce, type BenchRow } from './measure.js';

let server: Promise<TestPostgresServer> | undefined;
let databases = 0;

/** A new database on the bench's server (started on first use, stopped when the process exits). */
const newDatabase = async (): Promise<string> => {
  server ??= startTestPostgresServer({ durable: true });
  return (await server).createDatabase(`bench_${++databases}`);
};

/** Stops the bench's server, if one was started. */
export const stopPostgres = async (): Promise<void> => {
  if (server) await (await server).destroy();
};

const skipped = (what: string): BenchRow => ({ what, figure: 'skipped: no PostgreSQL server binaries (apt-get install postgresql)', target: 'printed beside SQLite', met: true, bound: '' });

/** Commands per second through the command handler on `store`, one append each. */
const commandRate = async (store: EventStore, count: number): Promise<number> => perSecond(count, await timeLinkCommands(store, count));

/** Measures the appends row: the same commands on a fresh SQLite file and a fresh PostgreSQL database. */
export const postgresAppendsRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const count = ctx.sizes.appends;
  const what = `appends, PostgreSQL beside SQLite, one command per transaction (${count.toLocaleString('en')})`;
  if (!findPostgresBinaries()) return skipped(what);
  const sqlite = SqliteEventStore.open(join(ctx.dir, `appends-pg-beside-${Math.random().toString(36).slice(2)}.db`));
  const postgres = await PostgresEventStore.open(await newDatabase());
  try {
    const sqliteRate = await commandRate(sqlite, count);
    const postgresRate = await commandRate(postgres, count);
    log('SQLite (WAL, synchronous = NORMAL)', formatRate(sqliteRate));
    log('PostgreSQL (loopback, fsync on)', `${formatRate(postgresRate)}  ${(postgresRate / sqliteRate).toFixed(2)} × SQLite`);
    return { what, figure: `${formatRate(postgresRate)} vs SQLite ${formatRate(sqliteRate)} (${(postgresRate / sqliteRate).toFixed(2)} ×)`, target: 'printed beside SQLite', met: true, bound: '' };
  } finally {
    await sqlite.close();
    await postgres.close();
  }
};

/** Measures the replay row: the bench's multi-org history copied into PostgreSQL, replayed from both stores. */
export const postgresReplayRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const upTo = ctx.historyEnd;
  const what = `replay, PostgreSQL beside SQLite, into the resolution index (${Number(upTo).toLocaleString('en')} events)`;
  if (!findPostgresBinaries()) return skipped(what);
  const sqlite = SqliteEventStore.open(ctx.storePath);
  const postgres = await PostgresEventStore.open(await newDatabase());
  try {
    const copyMs = await timeOnce(() => copyHistory(sqlite, postgres, upTo));
    log('history copied into PostgreSQL', `${(copyMs / 1000).toFixed(1)} s`);
    const ms = await sideBySide(Math.min(3, ctx.sizes.runs), {
      sqlite: () => project(sqlite, [new ResolutionIndex()], { upTo }),
      postgres: () => project(postgres, [new ResolutionIndex()]),
    });
    const sqliteRate = perSecond(Number(upTo), ms.sqlite);
    const postgresRate = perSecond(Number(upTo), ms.postgres);
    log('replay from SQLite', formatRate(sqliteRate));
    log('replay from PostgreSQL', `${formatRate(postgresRate)}  ${(postgresRate / sqliteRate).toFixed(2)} × SQLite`);
    return { what, figure: `${formatRate(postgresRate)} vs SQLite ${formatRate(sqliteRate)} (${(postgresRate / sqliteRate).toFixed(2)} ×)`, target: 'printed beside SQLite', met: true, bound: '' };
  } finally {
    await sqlite.close();
    await postgres.close();
  }
};

/** Appends the history in global order, a run of one stream's consecutive events per append. */
const copyHistory = async (from: EventStore, to: EventStore, upTo: bigint): Promise<void> => {
  let run: RecordedEvent[] = [];
  const flush = async () => {
    if (run.length > 0) await to.append(run[0]!.stream, run.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })), run[0]!.revision - 1n);
    run = [];
  };
  for await (const page of from.readAll({ upTo })) {
    for (const event of page) {
      if (run.length > 0 && (run[0]!.stream !== event.stream || run.length >= 500)) await flush();
      run.push(event);
    }
  }
  await flush();
};
