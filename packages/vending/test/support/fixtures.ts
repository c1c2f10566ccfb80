// Test doubles for what vending receives by injection (resolution index, unsealer, identities),
// and a harness wiring a vendor to the test STS endpoint.
import type { AwsCredentials } from '../../src/aws-credentials.js';
import { createVendor, type Vendor, type VendorOptions } from '../../src/vendor.js';
import type { StsOptions } from '../../src/sts-gateway.js';
import type { ChainLink, ProviderCredentials, Resolution, ResolvedProvider, ResolveRequest, SealedSecret } from '../../src/types.js';
import { startStsServer, type StsServer, type StsServerOptions } from '../../src/testing/sts-server.js';

/** The vending side's own identity in tests; its secret must never show up anywhere. */
export const vendingIdentity: AwsCredentials = {
  accessKeyId: 'AKIAVENDINGIDENTITY1',
  secretAccessKey: 'vendingBaseSecret/DoNotLeak+0123456789abcd',
  sessionToken: 'vendingBaseSessionToken-DoNotLeak-0123456789',
};

/** A caller's local identity for the `none` fallback. */
export const localIdentity: AwsCredentials = {
  accessKeyId: 'AKIALOCALCALLER00001',
  secretAccessKey: 'localCallerSecret/DoNotLeak+9876543210wxyz',
  accountId: '222222222222',
};

/** The access role of the test provider, and its external id. */
export const roleArn = 'arn:aws:iam::123456789012:role/deploy/ProvidersAccess';
export const externalId = 'org-7f3a:providers-ext-01';

/** A clock the test moves by hand. */
export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
}

/** A manual clock starting at the real time, so that issued expirations look plausible. */
export const manualClock = (start = Date.now()): ManualClock => {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
};

/** A "sealed" value whose ciphertext is just the plaintext in base64: enough to test the wiring. */
export const fakeSeal = (plaintext: string, keyId = 'k1'): SealedSecret => ({
  alg: 'A256GCM',
  keyId,
  iv: 'aXY=',
  ct: Buffer.from(plaintext).toString('base64'),
  tag: 'dGFn',
});

/** An unsealer that records which fields it opened. */
export const recordingUnseal = () => {
  const calls: Array<{ field: string; keyId: string }> = [];
  const unseal = async (sealed: SealedSecret, field: string): Promise<string> => {
    calls.push({ field, keyId: sealed.keyId });
    return Buffer.from(sealed.ct, 'base64').toString('utf8');
  };
  return { unseal, calls };
};

/** A resolved provider with the given credentials. */
export const provider = (credentials: ProviderCredentials, overrides: Partial<ResolvedProvider> = {}): ResolvedProvider => ({
  id: 'prv-1',
  name: 'Production AWS',
  type: 'aws',
  credentials,
  ...overrides,
});

/** An access role provider. */
export const roleProvider = (sessionDurationSeconds = 3600, overrides: Partial<ResolvedProvider> = {}): ResolvedProvider =>
  provider({ kind: 'aws-role', roleArn, externalId, sessionDurationSeconds }, overrides);

/** The chain of a resolution that found nothing. */
export const emptyChain = (request: ResolveRequest): ChainLink[] => [
  ...(request.region === undefined
    ? []
    : [{ scope: 'instance' as const, key: `${request.app}/${request.service}/${request.stage}/${request.region}`, providerId: null, setBy: null }]),
  { scope: 'stage', key: `${request.app}/${request.service}/${request.stage}`, providerId: null, setBy: null },
  { scope: 'service', key: `${request.app}/${request.service}`, providerId: null, setBy: null },
  { scope: 'org-default', key: request.type ?? 'aws', providerId: null, setBy: null },
];

/**
 * A resolution index that answers every request with the same provider (or none), and records
 * requests; `allowedAccountIds` are the accounts the deployment's pins allow (null: not pinned).
 * It does not judge the account itself: vending must not rely on the resolution's own check.
 */
export const fixedResolve = (
  answer: ResolvedProvider | null,
  source: Resolution['source'] = answer === null ? 'none' : 'service',
  allowedAccountIds: readonly string[] | null = null,
) => {
  const requests: ResolveRequest[] = [];
  const resolve = async (request: ResolveRequest): Promise<Resolution> => {
    requests.push(request);
    return { source, provider: answer, chain: answer === null ? emptyChain(request) : [], pins: [], allowedAccountIds, accountCheck: allowedAccountIds === null ? 'unpinned' : 'passed' };
  };
  return { resolve, requests };
};

/** A vendor wired to a fresh test STS endpoint. */
export interface VendingHarness {
  readonly server: StsServer;
  readonly vendor: Vendor;
  readonly clock: ManualClock;
  readonly resolveRequests: ResolveRequest[];
  readonly unsealCalls: Array<{ field: string; keyId: string }>;
  close(): Promise<void>;
}

/** How the harness sets up the endpoint, the vendor's STS settings, the pins and the vendor. */
export interface VendingHarnessOptions {
  readonly server?: StsServerOptions;
  readonly sts?: Partial<StsOptions>;
  /** The accounts the deployment's pins allow (default: not pinned). */
  readonly allowedAccountIds?: readonly string[];
  readonly vendor?: Partial<Omit<VendorOptions, 'resolve' | 'unseal' | 'clock'>>;
}

/** Starts a test endpoint and a vendor that uses it with `vendingIdentity`. */
export const startVending = async (answer: ResolvedProvider | null, options: VendingHarnessOptions = {}): Promise<VendingHarness> => {
  const clock = manualClock();
  const server = await startStsServer({ clock: clock.now, ...options.server });
  const { resolve, requests } = fixedResolve(answer, answer === null ? 'none' : 'service', options.allowedAccountIds ?? null);
  const { unseal, calls } = recordingUnseal();
  const vendor = createVendor({
    resolve,
    unseal,
    clock: clock.now,
    sts: { region: 'eu-west-1', endpoint: server.url, credentials: async () => vendingIdentity, baseDelayMs: 5, ...options.sts },
    ...options.vendor,
  });
  return {
    server,
    vendor,
    clock,
    resolveRequests: requests,
    unsealCalls: calls,
    close: async () => {
      vendor.close();
      await server.close();
    },
  };
};

/** Runs `body` on a fresh harness (see `startVending`) and closes it after, also when `body` fails. */
export const withVending = async (
  answer: ResolvedProvider | null,
  options: VendingHarnessOptions,
  body: (harness: VendingHarness) => Promise<void>,
): Promise<void> => {
  const harness = await startVending(answer, options);
  try {
    await body(harness);
  } finally {
    await harness.close();
  }
};

/** A deployment request for instance `n` of the `shop/api` service. */
export const instanceRequest = (n: number, extra: { actor?: string; region?: string } = {}) => ({
  orgId: 'org-1',
  app: 'shop',
  service: 'api',
  stage: `stage${n}`,
  region: extra.region ?? 'eu-west-1',
  ...(extra.actor === undefined ? {} : { actor: extra.actor }),
});

/** Every secret a test run handled: issued session secrets and tokens, and the identities' secrets. */
export const knownSecrets = (server: StsServer): string[] => [
  ...server.issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]),
  vendingIdentity.secretAccessKey,
  vendingIdentity.sessionToken ?? '',
  localIdentity.secretAccessKey,
];

/** The secrets found in `text` (ideally none). */
export const secretsIn = (text: string, secrets: ReadonlyArray<string>): string[] => secrets.filter((s) => s !== '' && text.includes(s));

/**
 * The issuance record a test expects when `instanceRequest(1)` is vended to alice through the CLI
 * from the test provider: `outcome` is what the vend decided (kind, account and what goes with
 * them). Position and time, which a test cannot know, are left out: compare with `placeless(record)`.
 */
export const expectedIssuance = (outcome: Record<string, unknown>) => ({
  orgId: 'org-1',
  actor: 'alice',
  client: 'cli',
  request: { app: 'shop', service: 'api', stage: 'stage1', region: 'eu-west-1', type: 'aws' },
  providerId: 'prv-1',
  providerName: 'Production AWS',
  fromCache: false,
  ...outcome,
  position: undefined,
  occurredAt: undefined,
});

/** A record without its position and time, to compare with `expectedIssuance`. */
export const placeless = <T extends object>(record: T | undefined) => ({ ...record, position: undefined, occurredAt: undefined });
