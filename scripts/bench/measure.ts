// Timing helpers shared by the bench rows: median of several runs, rates, and printing.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Milliseconds `work` took, measured once. */
export const timeOnce = async (work: () => unknown): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** The median of `values` (the middle one, or the mean of the two middle ones). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs several contenders in turn, `runs` rounds, so that each round measures
 * all of them under the same machine load; returns the median ms of each.
 */
export const sideBySide = async <K extends string>(runs: number, contenders: Record<K, () => unknown>): Promise<Record<K, number>> => {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < runs; i++)
    for (const key of Object.keys(contenders) as K[]) times[key].push(await timeOnce(contenders[key]));
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v as number[])])) as Record<K, number>;
};

/** Items per second. */
export const perSecond = (items: number, ms: number): number => (items * 1000) / ms;

/** A rate for people: 1.23M/s, 456k/s, 78/s. */
export const formatRate = (rate: number): string =>
  rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M/s` : rate >= 1e4 ? `${(rate / 1e3).toFixed(0)}k/s` : `${rate.toFixed(rate >= 100 ? 0 : 1)}/s`;

/** A duration for people. */
export const formatMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 10 ? 1 : 3)} ms`);

/** A full garbage collection, even without --expose-gc (for heap figures). */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** better-sqlite3, resolved from the SQLite store's package (the workspace root does not depend on it). */
export const loadBetterSqlite = (): typeof import('better-sqlite3') =>
  createRequire(new URL('../../packages/store-sqlite/package.json', import.meta.url))('better-sqlite3') as typeof import('better-sqlite3');

/** One row of the results table. */
export interface BenchRow {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
  readonly met: boolean;
  /** What bounds the figure, in one line. */
  readonly bound: string;
}

/** Prints a labelled line of the running bench. */
export const log = (label: string, text: string): void => console.log(`  ${label.padEnd(44)} ${text}`);
