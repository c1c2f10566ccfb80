// `pnpm bench [--quick]`: generates a realistic history into a SQLite file, measures every row
// of the performance targets side by side in one run, prints them and writes BENCHMARKS.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../packages/store-sqlite/src/index.js';
import { appendsRow } from './bench/appends.js';
import { cliBigOrgRow, cliRow } from './bench/cli.js';
import { commandLatencyRow } from './bench/command-latency.js';
import { SIZES, type BenchContext } from './bench/context.js';
import { foldRow } from './bench/fold.js';
import { generateHistory } from './bench/generate-history.js';
import { issuanceRow } from './bench/issuance.js';
import { formatMs, timeOnce, type BenchRow } from './bench/measure.js';
import { migrationRow } from './bench/migration.js';
import { postgresAppendsRow, postgresReplayRow, stopPostgres } from './bench/postgres.js';
import { replayRow } from './bench/replay.js';
import { resolveIndexRow } from './bench/resolve-index.js';
import { coldLoadRow, sdkServingRow, stateMemoryRow } from './bench/serve-from-state.js';
import { vendingRow } from './bench/vending.js';
import { BOUNDS } from './bench/bounds.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? SIZES.quick : SIZES.full;
const started = performance.now();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}`;
const date = new Date().toISOString();
console.log(`providers bench${quick ? ' (--quick)' : ''}`);
console.log(`machine: ${machine}`);
console.log(`node:    ${process.version}`);
console.log(`date:    ${date}\n`);

const dir = mkdtempSync(join(tmpdir(), 'providers-bench-'));
const rows: { key: keyof typeof BOUNDS; row: BenchRow }[] = [];
try {
  const storePath = join(dir, 'history.db');
  const store = SqliteEventStore.open(storePath);
  let history!: Awaited<ReturnType<typeof generateHistory>>;
  let historyEnd = 0n;
  const generateMs = await timeOnce(async () => {
    history = await generateHistory(store, { orgPrefix: 'org-', orgs: sizes.orgs, eventsPerOrg: sizes.eventsPerOrg });
    historyEnd = await store.headPosition();
    await generateHistory(store, { orgPrefix: 'big-org-', orgs: 1, eventsPerOrg: sizes.bigOrgEvents, seed: 7 });
  });
  await store.close();
  console.log(
    `history: ${history.events.toLocaleString('en')} events over ${sizes.orgs} orgs + ${sizes.bigOrgEvents.toLocaleString('en')} in one org, generated in ${formatMs(generateMs)}\n`,
  );
  const ctx: BenchContext = { quick, sizes, dir, storePath, history, historyEnd, bigOrgId: 'big-org-0' };

  const measured: [keyof typeof BOUNDS, string, (c: BenchContext) => Promise<BenchRow>][] = [
    ['resolveIndex', 'resolve on a large index', resolveIndexRow],
    ['replay', 'replay from SQLite', replayRow],
    ['fold', 'in-memory fold', foldRow],
    ['commandLatency', 'command latency', commandLatencyRow],
    ['cli', 'CLI resolve', cliRow],
    ['coldLoad', 'cold load from snapshot', coldLoadRow],
    ['sdkServing', 'SDK resolve and vend', sdkServingRow],
    ['cliBigOrg', 'CLI resolve on one big org', cliBigOrgRow],
    ['stateMemory', 'memory of one org state', stateMemoryRow],
    ['vending', 'vending', vendingRow],
    ['issuance', 'issuance log', issuanceRow],
    ['migration', 'migration', migrationRow],
    ['appends', 'appends', appendsRow],
    ['postgresAppends', 'appends, PostgreSQL beside SQLite', postgresAppendsRow],
    ['postgresReplay', 'replay, PostgreSQL beside SQLite', postgresReplayRow],
  ];
  for (const [key, title, measure] of measured) {
    console.log(`${title}:`);
    try {
      rows.push({ key, row: await measure(ctx) });
    } catch (error) {
      console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
      rows.push({ key, row: { what: title, figure: 'failed to run', target: '', met: false, bound: String(error instanceof Error ? error.message : error) } });
    }
  }
} finally {
  await stopPostgres();
  rmSync(dir, { recursive: true, force: true });
}

const total = performance.now() - started;
console.log(`\n| what | figure | target | met |`);
for (const { row } of rows) console.log(`| ${row.what} | ${row.figure} | ${row.target} | ${row.met ? 'yes' : 'NO'} |`);
console.log(`\nbench took ${formatMs(total)}`);

const markdown = [
  '# Benchmarks',
  '',
  `Written by \`pnpm bench${quick ? ' --quick' : ''}\` (\`scripts/bench.ts\`). Every figure is measured side by side in one run; timings are the median of ${sizes.runs} rounds unless the row says otherwise.`,
  '',
  `- Machine: ${machine}`,
  `- Node: ${process.version}`,
  `- Date: ${date}`,
  `- Sizes: ${quick ? '`--quick` (scaled down: the targets are stated for the default sizes)' : 'default'}; the whole bench took ${formatMs(total)}`,
  '',
  '| what | figure | target | met | what bounds it |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(({ key, row }) => `| ${row.what} | ${row.figure} | ${row.target} | ${row.met ? 'yes' : '**no**'} | ${row.bound || BOUNDS[key]} |`),
  '',
].join('\n');
writeFileSync(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), markdown);
console.log('wrote BENCHMARKS.md');
