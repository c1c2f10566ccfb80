// Row: the in-memory fold of decoded events into the resolution index.
import { ResolutionIndex, toProjectedEvent, type ProjectedEvent } from '../../packages/projections/src/index.js';
import { SqliteEventStore } from '../../packages/store-sqlite/src/index.js';
import type { BenchContext } from './context.js';
import { formatRate, log, perSecond, sideBySide, type BenchRow } from './measure.js';

/** Measures the fold row over the multi-org history, decoded once beforehand. */
export const foldRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const store = SqliteEventStore.open(ctx.storePath);
  const events: ProjectedEvent[] = [];
  try {
    for await (const page of store.readAll({ upTo: ctx.historyEnd })) for (const recorded of page) events.push(toProjectedEvent(recorded));
  } finally {
    await store.close();
  }
  const ms = await sideBySide(ctx.sizes.runs, {
    fold: () => {
      const index = new ResolutionIndex();
      for (const event of events) index.apply(event);
    },
  });
  const rate = perSecond(events.length, ms.fold);
  log('fold into the resolution index', formatRate(rate));
  return {
    what: `in-memory fold into the resolution index (${events.length.toLocaleString('en')} events)`,
    figure: formatRate(rate),
    target: '≥ 2M events/s',
    met: rate >= 2e6,
    bound: '',
  };
};
