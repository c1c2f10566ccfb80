// Row: appends to SQLite, one command per transaction, beside a bare INSERT loop with one
// transaction per row on a file of the same schema and settings (and the store's raw append).
import { join } from 'node:path';
import type { NewEvent } from '../../packages/store/src/index.js';
import { SqliteEventStore } from '../../packages/store-sqlite/src/index.js';
import { timeLinkCommands } from './command-rate.js';
import type { BenchContext } from './context.js';
import { formatRate, loadBetterSqlite, log, perSecond, timeOnce, type BenchRow } from './measure.js';

/** Measures the appends row; each contender writes its own fresh file. */
export const appendsRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const count = ctx.sizes.appends;
  const round = (name: string) => join(ctx.dir, `appends-${name}-${Math.random().toString(36).slice(2)}.db`);

  // The command path: validate, decide, append (one BEGIN IMMEDIATE each), fold.
  const commandPath = round('commands');
  const commandsStore = SqliteEventStore.open(commandPath);
  const commandMs = await timeLinkCommands(commandsStore, count);
  const written: NewEvent[] = [];
  for await (const page of commandsStore.readStream('providers-org-append-org', { after: 1n })) written.push(...page);
  await commandsStore.close();

  // The store's append alone, the same events one per call.
  const rawStore = SqliteEventStore.open(round('raw'));
  const rawMs = await timeOnce(async () => {
    let revision = 0n;
    for (const event of written) revision = (await rawStore.append('providers-org-append-org', [{ eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata }], revision)).revision;
  });
  await rawStore.close();

  // A bare INSERT per transaction, same schema and pragmas, the same JSON text.
  const barePath = round('bare');
  await SqliteEventStore.open(barePath).close();
  const Database = loadBetterSqlite();
  const db = new Database(barePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare('INSERT INTO events (stream, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const rows = written.map((event, i) => [event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), i + 1] as const);
  const insertOne = db.transaction((row: (typeof rows)[number]) => insert.run('providers-org-append-org', row[4], row[0], row[1], row[2], row[3]));
  const bareMs = await timeOnce(() => {
    for (const row of rows) insertOne.immediate(row);
  });
  db.close();

  const commands = perSecond(count, commandMs);
  const raw = perSecond(count, rawMs);
  const bare = perSecond(count, bareMs);
  log('commands, one per transaction', formatRate(commands));
  log('store.append, one event per call', formatRate(raw));
  log('bare INSERT, one per transaction', `${formatRate(bare)}  commands at ${(commands / bare).toFixed(2)} ×`);
  return {
    what: `appends to SQLite, one command per transaction (${count.toLocaleString('en')})`,
    figure: `${formatRate(commands)} commands vs ${formatRate(bare)} bare INSERT (${(commands / bare).toFixed(2)} ×; store.append ${formatRate(raw)})`,
    target: 'printed beside a bare INSERT loop',
    met: true,
    bound: '',
  };
};
