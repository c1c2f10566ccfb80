// Row: command latency on an org with a long history beside an (almost) empty org, both on
// the same SQLite file and handler: the state is cached and only the stream's tail is read.
import { CommandHandler } from '../../packages/commands/src/index.js';
import type { Command } from '../../packages/domain/src/index.js';
import { SqliteEventStore } from '../../packages/store-sqlite/src/index.js';
import type { BenchContext } from './context.js';
import { formatMs, log, median, timeOnce, type BenchRow } from './measure.js';

const actor = { id: 'bench', role: 'admin' as const };

const link = (orgId: string, n: number): Command => ({
  type: 'LinkProviderToInstance',
  orgId,
  commandId: `bench-link-${orgId}-${n}`,
  actor,
  issuedAt: new Date().toISOString(),
  // Alternating providers on one instance: every command appends one event.
  providerId: `prv-${n % 2}`,
  app: 'bench-app',
  service: 'bench-svc',
  stage: 'prod',
  region: 'eu-west-1',
  replace: true,
});

const addProvider = (orgId: string, n: number): Command => ({
  type: 'AddProvider',
  orgId,
  commandId: `bench-add-${orgId}-${n}`,
  actor,
  issuedAt: new Date().toISOString(),
  providerId: `prv-${n}`,
  name: `bench ${n}`,
  providerType: 'aws',
  credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::12345678901${n}:role/x`, externalId: 'bench-ext', sessionDurationSeconds: 3600 },
});

const run = async (handler: CommandHandler, command: Command): Promise<void> => {
  const result = await handler.execute(command);
  if (result._tag === 'Left') throw new Error(`the bench command was rejected: ${result.left.message}`);
};

/** Measures the command latency row. */
export const commandLatencyRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const store = SqliteEventStore.open(ctx.storePath);
  const handler = new CommandHandler(store);
  const emptyOrg = 'bench-empty-org';
  try {
    // The first command of each org loads its state: the cold figure, printed but not the target.
    const coldBig = await timeOnce(() => run(handler, link(ctx.bigOrgId, 0)));
    await run(handler, addProvider(emptyOrg, 0));
    await run(handler, addProvider(emptyOrg, 1));
    const big: number[] = [];
    const empty: number[] = [];
    for (let n = 1; n <= ctx.sizes.commands; n++) {
      big.push(await timeOnce(() => run(handler, link(ctx.bigOrgId, n))));
      empty.push(await timeOnce(() => run(handler, link(emptyOrg, n))));
    }
    const ratio = median(big) / median(empty);
    log('first command on the big org (cold load)', formatMs(coldBig));
    log('command latency, big org (median)', formatMs(median(big)));
    log('command latency, empty org (median)', `${formatMs(median(empty))}  ratio ${ratio.toFixed(2)}`);
    return {
      what: `command latency, org with ${ctx.sizes.bigOrgEvents.toLocaleString('en')} events vs empty org`,
      figure: `${ratio.toFixed(2)} × (${formatMs(median(big))} vs ${formatMs(median(empty))}; cold load ${formatMs(coldBig)})`,
      target: '≤ 2 × empty org',
      met: ratio <= 2,
      bound: '',
    };
  } finally {
    await store.close();
  }
};
