// Row: `resolve` on an index holding a million instance links: lookups per second, heap per link,
// and the same lookups on an index whose orgs all pin their accounts (the org and every prod stage).
import type { DomainEvent, EventMetadata } from '../../packages/domain/src/index.js';
import { ResolutionIndex, type ProjectedEvent, type ResolveRequest } from '../../packages/projections/src/index.js';
import type { BenchContext } from './context.js';
import { collectGarbage, formatRate, log, perSecond, sideBySide, type BenchRow } from './measure.js';

const ORGS = 100;
const PROVIDERS = 10;
const STAGES = ['dev', 'staging', 'prod', 'qa', 'perf'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const SERVICES = 20;

/** The n-th instance of an org (distinct for n below apps × services × stages × regions). */
const instanceOf = (n: number) => ({
  app: `app-${Math.floor(n / (SERVICES * STAGES.length * REGIONS.length))}`,
  service: `svc-${Math.floor(n / (STAGES.length * REGIONS.length)) % SERVICES}`,
  stage: STAGES[Math.floor(n / REGIONS.length) % STAGES.length]!,
  region: REGIONS[n % REGIONS.length]!,
});

const metadata = (position: number): EventMetadata => ({
  schemaVersion: 1,
  eventId: `e-${position}`,
  commandId: `c-${position}`,
  actor: { id: `user-${position % 50}`, role: 'member' },
  // A string per event, as decoding JSON would give.
  occurredAt: new Date(1_735_689_600_000 + position * 1000).toISOString(),
});

const ACCOUNTS = Array.from({ length: PROVIDERS }, (_, p) => String(100000000000 + p));

/**
 * Folds `links` instance links over ORGS orgs into a fresh index, one event at
 * a time; `pinned`, each org is pinned to its providers' accounts, and so is
 * every prod stage (a chain of two pins to walk and intersect).
 */
const buildIndex = (links: number, pinned: boolean): ResolutionIndex => {
  const index = new ResolutionIndex();
  let position = 0;
  const apply = (orgId: string, event: DomainEvent) => {
    position++;
    index.apply({ orgId, revision: BigInt(position), position: BigInt(position), event, metadata: metadata(position) } as ProjectedEvent);
  };
  const perOrg = Math.ceil(links / ORGS);
  for (let o = 0; o < ORGS; o++) {
    const orgId = `org-${o}`;
    for (let p = 0; p < PROVIDERS; p++)
      apply(orgId, {
        type: 'ProviderAdded',
        data: {
          providerId: `prv-${p}`,
          name: `AWS ${p}`,
          type: 'aws',
          credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${ACCOUNTS[p]}:role/x`, externalId: 'ext-id', sessionDurationSeconds: 3600 },
        },
      } as DomainEvent);
    if (pinned) {
      apply(orgId, { type: 'AccountPinned', data: { scope: { kind: 'org' }, accountIds: ACCOUNTS, reason: 'our accounts' } });
      for (let n = 0; n < perOrg; n += STAGES.length * REGIONS.length) {
        const { app, service } = instanceOf(n);
        apply(orgId, { type: 'AccountPinned', data: { scope: { kind: 'stage', app, service, stage: 'prod' }, accountIds: ACCOUNTS, reason: 'prod' } });
      }
    }
    for (let n = 0; n < perOrg && o * perOrg + n < links; n++)
      apply(orgId, { type: 'ProviderLinkedToInstance', data: { providerId: `prv-${n % PROVIDERS}`, ...instanceOf(n) } } as DomainEvent);
  }
  return index;
};

/** Measures the resolve row. */
export const resolveIndexRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const links = ctx.sizes.indexLinks;
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const index = buildIndex(links, false);
  collectGarbage();
  const heapPerLink = (process.memoryUsage().heapUsed - before) / links;
  const pinnedIndex = buildIndex(links, true);
  const perOrg = Math.ceil(links / ORGS);
  const requests: ResolveRequest[] = Array.from({ length: 4096 }, (_, i) => ({
    orgId: `org-${(i * 7) % ORGS}`,
    ...instanceOf((i * 7919) % perOrg),
  }));
  const lookups = ctx.sizes.lookups;
  let found = 0;
  let passed = 0;
  // Spread: 4,096 instances scattered over the whole index, so nearly every
  // lookup walks nodes that are not in the CPU caches. Hot: the 64 instances a
  // deployer is busy with, whose nodes stay cached.
  const ms = await sideBySide(ctx.sizes.runs, {
    spread: () => {
      for (let i = 0; i < lookups; i++) if (index.resolve(requests[i & 4095]!).source === 'instance') found++;
    },
    hot: () => {
      for (let i = 0; i < lookups; i++) if (index.resolve(requests[(i & 63) * 64]!).source === 'instance') found++;
    },
    pinned: () => {
      for (let i = 0; i < lookups; i++) if (pinnedIndex.resolve(requests[i & 4095]!).accountCheck === 'passed') passed++;
    },
  });
  if (found === 0) throw new Error('the bench resolved no instance link: the index was not built as intended');
  if (passed === 0) throw new Error('the bench passed no account check: the pinned index was not built as intended');
  const rate = perSecond(lookups, ms.spread);
  const hot = perSecond(lookups, ms.hot);
  const pinned = perSecond(lookups, ms.pinned);
  log('resolve lookups, spread over the index', `${formatRate(rate)}  over ${links.toLocaleString('en')} links`);
  log('resolve lookups, a hot set of 64', formatRate(hot));
  log('resolve lookups, spread, every org pinned', `${formatRate(pinned)}  (${(pinned / rate).toFixed(2)}× unpinned)`);
  log('heap per instance link', `${heapPerLink.toFixed(0)} bytes`);
  return {
    what: `resolve on an index of ${links.toLocaleString('en')} instance links`,
    figure: `${formatRate(rate)} spread over the index (${formatRate(hot)} on a hot set of 64; ${formatRate(pinned)} with every org pinned, ${(pinned / rate).toFixed(2)}×); ${heapPerLink.toFixed(0)} bytes/link`,
    target: '≥ 2M lookups/s; ≤ 250 bytes/link',
    met: rate >= 2e6 && heapPerLink <= 250,
    bound: '',
  };
};
