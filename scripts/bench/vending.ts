// Row: 10,000 concurrent vends over 100 instances of one access role against the test STS
// endpoint (20 ms latency), beside `fromTemporaryCredentials` called once per request.
import { createRequire } from 'node:module';
import { createVendor, silenceSdkNodeVersionWarning, type Resolution, type ResolvedProvider, type ResolveRequest } from '../../packages/vending/src/index.js';
import { startStsServer } from '@providers/vending/testing';
import type { BenchContext } from './context.js';
import { formatMs, log, timeOnce, type BenchRow } from './measure.js';

const roleArn = 'arn:aws:iam::123456789012:role/ProvidersAccess';
const externalId = 'bench-org:providers-ext';
const identity = { accessKeyId: 'AKIABENCHVENDINGID01', secretAccessKey: 'benchVendingSecret/NotReal+0123456789abcd' };
const provider: ResolvedProvider = {
  id: 'prv-bench',
  name: 'Bench AWS',
  type: 'aws',
  credentials: { kind: 'aws-role', roleArn, externalId, sessionDurationSeconds: 3600 },
};

type FromTemporaryCredentials = typeof import('@aws-sdk/credential-providers').fromTemporaryCredentials;
/** The AWS SDK's provider, resolved from the vending package (the workspace root does not depend on it). */
const loadFromTemporaryCredentials = (): FromTemporaryCredentials =>
  (createRequire(new URL('../../packages/vending/package.json', import.meta.url))('@aws-sdk/credential-providers') as { fromTemporaryCredentials: FromTemporaryCredentials })
    .fromTemporaryCredentials;

/** How many per-request `fromTemporaryCredentials` calls the baseline keeps in flight. */
const BASELINE_IN_FLIGHT = 500;

const request = (i: number, instances: number) => ({ orgId: 'bench-org', app: 'shop', service: 'api', stage: `stage${i % instances}`, region: 'eu-west-1' });

/** Measures the vending row. */
export const vendingRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const { vendRequests: requests, vendInstances: instances } = ctx.sizes;
  // The AWS SDK warns about Node 20 when it loads; the warning would interleave with the figures.
  silenceSdkNodeVersionWarning();
  const server = await startStsServer();
  server.setLatency(20);
  const resolve = async (_: ResolveRequest): Promise<Resolution> => ({ source: 'instance', provider, chain: [], pins: [], allowedAccountIds: null, accountCheck: 'unpinned' });
  const vendor = createVendor({
    resolve,
    unseal: async () => {
      throw new Error('an access role has nothing sealed');
    },
    sts: { region: 'eu-west-1', endpoint: server.url, credentials: async () => identity },
  });
  try {
    const vendorMs = await timeOnce(() => Promise.all(Array.from({ length: requests }, (_, i) => vendor.vend(request(i, instances)))));
    const vendorCalls = server.calls('AssumeRole');
    const fromTemporaryCredentials = loadFromTemporaryCredentials();
    // Each call builds its own STS client and sockets: all 10,000 at once exhaust the file
    // descriptors, so the baseline keeps at most BASELINE_IN_FLIGHT requests in flight.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < requests; i = next++)
        await fromTemporaryCredentials({
          params: { RoleArn: roleArn, ExternalId: externalId, RoleSessionName: `bench-${i % instances}`, DurationSeconds: 3600 },
          masterCredentials: identity,
          clientConfig: { region: 'eu-west-1', endpoint: server.url },
        })();
    };
    const sdkMs = await timeOnce(() => Promise.all(Array.from({ length: Math.min(BASELINE_IN_FLIGHT, requests) }, worker)));
    const sdkCalls = server.calls('AssumeRole') - vendorCalls;
    log('vendor: wall time, STS calls', `${formatMs(vendorMs)}, ${vendorCalls}`);
    log('fromTemporaryCredentials per request', `${formatMs(sdkMs)}, ${sdkCalls} (≤ ${BASELINE_IN_FLIGHT} in flight)`);
    return {
      what: `vending: ${requests.toLocaleString('en')} concurrent requests over ${instances} instances (STS latency 20 ms)`,
      figure: `${vendorCalls} STS calls in ${formatMs(vendorMs)} (fromTemporaryCredentials per request, ≤ ${BASELINE_IN_FLIGHT} in flight: ${sdkCalls} calls in ${formatMs(sdkMs)})`,
      target: `exactly ${instances} STS calls`,
      met: vendorCalls === instances,
      bound: '',
    };
  } finally {
    vendor.close();
    await server.close();
  }
};
