// What bounds each figure, as found by profiling (`--cpu-prof`) on the bench machine.
/** One line per row of BENCHMARKS.md. */
export const BOUNDS = {
  resolveIndex: 'TBD',
  replay: 'TBD',
  fold: 'TBD',
  commandLatency: 'TBD',
  cli: 'TBD',
  vending: 'TBD',
  migration: 'TBD',
  appends: 'TBD',
} as const;
