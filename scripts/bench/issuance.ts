// Row: 10,000 concurrent vends over 100 instances through the SDK (`Providers.vend`, an SQLite
// store, the test STS endpoint at 20 ms), with the issuance log on and off side by side: each
// vend's record is appended (group-committed) before its credentials are returned.
import { join } from 'node:path';
import { Providers } from '../../packages/sdk/src/index.js';
import { silenceSdkNodeVersionWarning } from '../../packages/vending/src/index.js';
import { startStsServer, type StsServer } from '@providers/vending/testing';
import type { BenchContext } from './context.js';
import { formatMs, log, timeOnce, type BenchRow } from './measure.js';

const admin = { id: 'bench', role: 'admin' as const };
const identity = { accessKeyId: 'AKIABENCHVENDINGID01', secretAccessKey: 'benchVendingSecret/NotReal+0123456789abcd' };

const request = (i: number, instances: number) => ({
  orgId: 'bench-issuance',
  app: 'shop',
  service: 'api',
  stage: `stage${i % instances}`,
  region: 'eu-west-1',
  actor: 'deployer',
});

/** One round: a fresh SDK (so a cold session cache) vending `requests` at once; wall time and STS calls. */
const round = async (server: StsServer, path: string, recordIssuance: boolean, requests: number, instances: number) => {
  const providers = await Providers.open({
    store: `sqlite:${path}`,
    recordIssuance,
    sts: { region: 'eu-west-1', endpoint: server.url, credentials: async () => identity },
  });
  try {
    const before = server.calls('AssumeRole');
    const ms = await timeOnce(() => Promise.all(Array.from({ length: requests }, (_, i) => providers.vend(request(i, instances)))));
    return { ms, calls: server.calls('AssumeRole') - before };
  } finally {
    await providers.close();
  }
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Measures the issuance row. */
export const issuanceRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const { vendRequests: requests, vendInstances: instances, runs } = ctx.sizes;
  silenceSdkNodeVersionWarning();
  const path = join(ctx.dir, 'issuance.db');
  const seed = await Providers.open({ store: `sqlite:${path}` });
  await seed.addProvider({
    orgId: 'bench-issuance',
    actor: admin,
    name: 'prod',
    type: 'aws',
    credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::123456789012:role/ProvidersAccess', externalId: 'bench-issuance-ext' },
  });
  await seed.link({ orgId: 'bench-issuance', actor: admin, commandId: 'bench-link', provider: 'prod', app: 'shop', service: 'api' });
  await seed.close();
  const server = await startStsServer();
  server.setLatency(20);
  try {
    const off: number[] = [];
    const on: number[] = [];
    const calls = new Set<number>();
    for (let r = 0; r < runs; r++) {
      for (const [record, times] of [[false, off], [true, on]] as const) {
        const result = await round(server, path, record, requests, instances);
        times.push(result.ms);
        calls.add(result.calls);
      }
    }
    const offMs = median(off);
    const onMs = median(on);
    const ratio = offMs / onMs;
    const records = await (async () => {
      const reader = await Providers.open({ store: `sqlite:${path}` });
      try {
        return (await reader.issuance('bench-issuance')).length;
      } finally {
        await reader.close();
      }
    })();
    log('log off: wall time', formatMs(offMs));
    log('log on: wall time', `${formatMs(onMs)} (${records.toLocaleString('en')} records in all)`);
    log('throughput with the log / without', ratio.toFixed(2));
    const exact = calls.size === 1 && calls.has(instances);
    return {
      what: `issuance log: ${requests.toLocaleString('en')} concurrent vends over ${instances} instances through the SDK (SQLite, STS latency 20 ms), log on vs off`,
      figure: `${(requests / (onMs / 1000)).toFixed(0)}/s with the log, ${(requests / (offMs / 1000)).toFixed(0)}/s without: ${ratio.toFixed(2)}×; STS calls per round ${[...calls].join(', ')}`,
      target: `≥ 0.5× without the log; exactly ${instances} STS calls`,
      met: exact && ratio >= 0.5 && records === requests * runs,
      bound: '',
    };
  } finally {
    await server.close();
  }
};
