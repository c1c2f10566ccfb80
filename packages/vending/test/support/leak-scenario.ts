// Run as a child process by no-secret-output.test.ts: vends through every path, success and
// failure, and prints what a CLI would print (results without secrets, errors in full), so that
// the parent can scan the real stdout and stderr for secrets. The secrets it handled are written to
// the file named by argv[2]; argv[3] = 'silence' silences the SDK's Node-version warning first.
import { writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { silenceSdkNodeVersionWarning } from '../../src/sdk-warning.js';
import { verifyRole } from '../../src/verify-role.js';
import { externalId, fakeSeal, instanceRequest, knownSecrets, localIdentity, provider, roleArn, roleProvider, startVending, vendingIdentity } from './fixtures.js';
import type { InjectedReply } from '../../src/testing/sts-server.js';

const [secretsFile, mode] = process.argv.slice(2);
if (secretsFile === undefined) throw new Error('usage: leak-scenario <secrets-file> [silence]');
if (mode === 'silence') silenceSdkNodeVersionWarning();

const canarySecret = 'CanarySecretInsideAMalformedReply/0123456789';
const replies: InjectedReply[] = [
  { error: 'AccessDenied' },
  { error: 'RegionDisabledException' },
  { error: 'ExpiredToken' },
  { error: 'ValidationError' },
  { error: 'MalformedPolicyDocument' },
  { error: 'PackedPolicyTooLarge' },
  { malformed: true },
  { status: 200, body: `<AssumeRoleResponse><AssumeRoleResult><Credentials><SecretAccessKey>${canarySecret}</SecretAccessKey><Session` },
];

const report = (label: string, error: unknown): void => {
  console.error(`${label}: ${String(error)}`);
  console.error(inspect(error, { showHidden: true, depth: 10 }));
};

const h = await startVending(roleProvider(7200), {
  sts: { maxAttempts: 2 },
  server: { callerArn: 'arn:aws:sts::111111111111:assumed-role/VendingRole/runner' },
  vendor: { localCredentials: async () => localIdentity },
});
try {
  const ok = await h.vendor.vend({ ...instanceRequest(1), actor: 'alice@example.com' });
  console.log(JSON.stringify({ kind: ok.kind, provider: ok.provider, source: ok.source, ...(ok.kind === 'aws' ? { accessKeyId: ok.accessKeyId, session: ok.session } : {}) }));
  for (const reply of replies) {
    h.server.failNext(reply);
    await h.vendor.vend(instanceRequest(2)).catch((error: unknown) => report(JSON.stringify(reply).slice(0, 40), error));
  }
  h.server.failNext({ error: 'Throttling' }, { error: 'Throttling' });
  await h.vendor.vend(instanceRequest(3)).catch((error: unknown) => report('throttled', error));
  await verifyRole({ roleArn, externalId }, { region: 'eu-west-1', endpoint: h.server.url, credentials: async () => vendingIdentity }).catch(
    (error: unknown) => report('verify', error),
  );
} finally {
  await h.close();
}

const none = await startVending(null, { vendor: { localCredentials: async () => localIdentity } });
try {
  const fallback = await none.vendor.vend({ ...instanceRequest(4), allowLocalFallback: true });
  console.log(`fallback ${fallback.kind} from ${fallback.source}`);
  await none.vendor.vend(instanceRequest(4)).catch((error: unknown) => report('none', error));
} finally {
  await none.close();
}

const keys = await startVending(provider({ kind: 'aws-keys', accessKeyId: 'AKIASTATICKEYS000001', secretAccessKey: fakeSeal('StaticSecretValue/0123456789') }));
try {
  const result = await keys.vendor.vend(instanceRequest(1));
  console.log(`static keys for ${result.provider?.name}`);
} finally {
  await keys.close();
}

writeFileSync(secretsFile, JSON.stringify([...knownSecrets(h.server), canarySecret, 'StaticSecretValue/0123456789']));
