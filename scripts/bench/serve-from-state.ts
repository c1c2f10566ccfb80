// Rows: what a serving process pays per request and at start, on one org of 1M events beside a
// small org, all through the real SDK on the bench's SQLite file: warm resolve and vend (vend
// through the SDK's own resolve, STS answered by the test endpoint), a cold load from the org's
// snapshot beside a full replay, and the memory one cached org state takes.
import { CommandHandler, OrgStates } from '../../packages/commands/src/index.js';
import type { OrgState } from '../../packages/domain/src/index.js';
import { Providers } from '../../packages/sdk/src/index.js';
import { openSqliteStores } from '../../packages/store-sqlite/src/index.js';
import { silenceSdkNodeVersionWarning } from '../../packages/vending/src/index.js';
import { startStsServer } from '@providers/vending/testing';
import type { BenchContext } from './context.js';
import { collectGarbage, formatMs, log, sideBySide, type BenchRow } from './measure.js';

const identity = { accessKeyId: 'AKIABENCHVENDINGID01', secretAccessKey: 'benchVendingSecret/NotReal+0123456789abcd' };
const admin = { id: 'bench', role: 'admin' as const };
const ROLE_ARN = 'arn:aws:iam::123456789012:role/ProvidersAccess';

/** A deployment of the org linked to a provider of its own, so that resolve and vend answer with credentials. */
const benchInstance = async (providers: Providers, orgId: string) => {
  const request = { orgId, app: 'bench-app', service: 'bench-svc', stage: 'prod', region: 'eu-west-1' };
  const context = (step: string) => ({ orgId, commandId: `bench-serve-${orgId}-${step}`, actor: admin });
  const credentials = { kind: 'aws-role' as const, roleArn: ROLE_ARN, externalId: 'bench-ext', sessionDurationSeconds: 3600 };
  for (const result of [
    await providers.addProvider({ ...context('add'), providerId: 'prv-bench-serve', name: 'bench serve', type: 'aws', credentials }),
    await providers.link({ ...context('link'), provider: 'prv-bench-serve', ...request, replace: true }),
  ])
    if (result._tag === 'Left' && result.left._tag !== 'ProviderAlreadyExists') throw new Error(`the bench command was refused: ${result.left.message}`);
  return request;
};

/** SDK resolve and vend, warm, on the big org beside a small one. */
export const sdkServingRow = async (ctx: BenchContext): Promise<BenchRow> => {
  silenceSdkNodeVersionWarning();
  const server = await startStsServer();
  const providers = await Providers.open({ store: `sqlite:${ctx.storePath}`, sts: { region: 'eu-west-1', endpoint: server.url, credentials: async () => identity } });
  try {
    const big = await benchInstance(providers, ctx.bigOrgId);
    const small = await benchInstance(providers, ctx.history.sample.orgId);
    // Warm: the first call of each loads the org's state and the first vend assumes the role.
    for (const request of [big, small]) {
      const answer = await providers.resolve(request);
      if (answer.source !== 'instance') throw new Error(`the bench instance resolved from ${answer.source}`);
      await providers.vend(request);
    }
    const calls = ctx.quick ? 5 : 50;
    const repeat = (work: () => Promise<unknown>) => async () => {
      for (let i = 0; i < calls; i++) await work();
    };
    const ms = await sideBySide(ctx.sizes.runs, {
      resolveBig: repeat(() => providers.resolve(big)),
      resolveSmall: repeat(() => providers.resolve(small)),
      vendBig: repeat(() => providers.vend(big)),
      vendSmall: repeat(() => providers.vend(small)),
    });
    const per = (total: number) => total / calls;
    const resolveRatio = ms.resolveBig / ms.resolveSmall;
    const vendRatio = ms.vendBig / ms.vendSmall;
    log('SDK resolve, big org / small org', `${formatMs(per(ms.resolveBig))} / ${formatMs(per(ms.resolveSmall))}  ratio ${resolveRatio.toFixed(2)}`);
    log('SDK vend, big org / small org', `${formatMs(per(ms.vendBig))} / ${formatMs(per(ms.vendSmall))}  ratio ${vendRatio.toFixed(2)}`);
    return {
      what: `SDK resolve and vend (warm), org with ${ctx.sizes.bigOrgEvents.toLocaleString('en')} events vs a small org`,
      figure: `resolve ${resolveRatio.toFixed(2)} × (${formatMs(per(ms.resolveBig))} vs ${formatMs(per(ms.resolveSmall))}); vend ${vendRatio.toFixed(2)} × (${formatMs(per(ms.vendBig))} vs ${formatMs(per(ms.vendSmall))})`,
      target: '≤ 2 × small org',
      met: resolveRatio <= 2 && vendRatio <= 2,
      bound: '',
    };
  } finally {
    await providers.close();
    await server.close();
  }
};

/** A cold start of the big org from its snapshot beside a full replay of its stream. */
export const coldLoadRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const stores = openSqliteStores(ctx.storePath);
  try {
    // The first load snapshots the org (it is due), as any process would; rebuild does the same.
    await new CommandHandler(stores.events, { snapshots: stores.snapshots }).state(ctx.bigOrgId);
    const saved = await stores.snapshots.list(`providers-org-${ctx.bigOrgId}`);
    if (saved.length === 0) throw new Error('no snapshot of the big org was saved');
    let warnings = 0;
    const ms = await sideBySide(ctx.sizes.runs, {
      snapshot: () => new OrgStates(stores.events, { snapshots: stores.snapshots, onWarning: () => void warnings++ }).current(ctx.bigOrgId),
      replay: () => new OrgStates(stores.events).current(ctx.bigOrgId),
    });
    if (warnings > 0) throw new Error('the snapshot was not used');
    const share = ms.snapshot / ms.replay;
    log('cold load from snapshot + tail', formatMs(ms.snapshot));
    log('cold load by full replay', `${formatMs(ms.replay)}  share ${(share * 100).toFixed(1)}%`);
    return {
      what: `cold load of the org with ${ctx.sizes.bigOrgEvents.toLocaleString('en')} events: snapshot + tail vs full replay`,
      figure: `${(share * 100).toFixed(1)}% (${formatMs(ms.snapshot)} vs ${formatMs(ms.replay)})`,
      target: '≤ 10% of a full replay',
      met: share <= 0.1,
      bound: '',
    };
  } finally {
    await stores.close();
  }
};

/** The heap one cached org state of the big org takes, per link and per event. */
export const stateMemoryRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const stores = openSqliteStores(ctx.storePath);
  try {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const state: OrgState = await new OrgStates(stores.events).current(ctx.bigOrgId);
    collectGarbage();
    const bytes = process.memoryUsage().heapUsed - before;
    const links = state.links.size + state.defaults.size;
    log('one cached org state', `${(bytes / 2 ** 20).toFixed(1)} MiB: ${links.toLocaleString('en')} links, ${state.revision.toLocaleString('en')} events`);
    return {
      what: `memory of one cached org state (${state.revision.toLocaleString('en')} events, ${links.toLocaleString('en')} links and defaults)`,
      figure: `${(bytes / 2 ** 20).toFixed(1)} MiB: ${Math.round(bytes / Math.max(1, links)).toLocaleString('en')} bytes per link, ${Math.round(bytes / Math.max(1, state.revision))} bytes per event`,
      target: 'printed (no target)',
      met: true,
      bound: '',
    };
  } finally {
    await stores.close();
  }
};
