// Row: the migration of legacy records, through the migration package's own bench script
// (import the legacy export as events, then migrate; a second run must append nothing).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context.js';
import { log, type BenchRow } from './measure.js';

const script = fileURLToPath(new URL('../../packages/migration/bench/migrate-100k.ts', import.meta.url));

const secondsOf = (output: string, label: string): number => {
  const found = new RegExp(`${label}:\\s+([\\d.]+) s`).exec(output);
  if (!found) throw new Error(`the migration bench printed no "${label}" line`);
  return Number(found[1]);
};

/** Measures the migration row (one run: it is the slowest row and its figure is absolute). */
export const migrationRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const records = ctx.sizes.legacyRecords;
  const output = execFileSync(process.execPath, ['--import', 'tsx', script, String(records)], { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  for (const line of output.trim().split('\n')) log('migration', line);
  const importS = secondsOf(output, 'import \\(legacy events\\)');
  const firstS = secondsOf(output, 'migration, first run');
  const secondEvents = Number(/migration, second run:\s+[\d.]+ s\s+(\d+) events/.exec(output)?.[1] ?? NaN);
  const total = importS + firstS;
  return {
    what: `migration of ${records.toLocaleString('en')} legacy records (import + first run)`,
    figure: `${total.toFixed(2)} s (import ${importS.toFixed(2)} s + migrate ${firstS.toFixed(2)} s); second run appends ${secondEvents}`,
    target: '≤ 10 s; second run appends 0',
    met: total <= 10 && secondEvents === 0,
    bound: '',
  };
};
