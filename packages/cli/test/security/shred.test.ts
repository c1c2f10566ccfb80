// `remove --shred` deletes a provider's data key: its secret is gone for good, while every read still works.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SealedSecret } from '@providers/domain';
import { openStores } from '@providers/sdk';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import { workspace } from '../support.js';

interface HistoryRow {
  type: string;
  data: { providerId?: string; credentials?: { kind: string; secretAccessKey?: SealedSecret; fields?: Record<string, SealedSecret> } };
}

const masterKey = generateMasterKey();
const secretAccessKey = randomBytes(30).toString('base64').slice(0, 40);
const stripeKey = `sk_live_${randomBytes(16).toString('hex')}`;
const shred = suite('remove --shred');
const ws = workspace({ PROVIDERS_MASTER_KEY: masterKey });
const { ok } = ws;

/** Opens the store the CLI wrote with the same master key, as an attacker holding it would. */
const unsealWithMasterKey = async (sealed: SealedSecret, field: string): Promise<string> => {
  const stores = await openStores({ kind: 'sqlite', path: join(ws.dir, '.providers', 'events.db') });
  try {
    return await new SecretSealer({ keys: stores.keys, masterKeys: MasterKeyring.parse(masterKey) }).unseal(sealed, field);
  } finally {
    await stores.close();
  }
};

const sealedSecretOf = (providerId: string): SealedSecret => {
  const added = ok(['history', '--org', 'acme', '--json'])
    .json<HistoryRow[]>()
    .find((e) => e.type === 'ProviderAdded' && e.data.providerId === providerId);
  const sealed = added?.data.credentials?.secretAccessKey ?? added?.data.credentials?.fields?.secretKey;
  assert.ok(sealed, `the sealed secret of ${providerId} is in the history`);
  return sealed;
};

let keysId = '';
let stripeId = '';
shred.before(() => {
  keysId = ok(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin', '--json'], secretAccessKey).json<{ id: string }>().id;
  stripeId = ok(['add', '--org', 'acme', '--name', 'stripe', '--type', 'stripe', '--secret-field', 'secretKey', '--json'], stripeKey).json<{ id: string }>().id;
  ok(['link', '--org', 'acme', '--provider', 'keys', '--app', 'app1', '--service', 'api']);
  ok(['default', 'set', '--org', 'acme', '--provider', 'keys']);
});
shred.after(() => ws.cleanup());

shred('before shredding, the master key opens the secret (so the test below can fail)', async () => {
  assert.is(await unsealWithMasterKey(sealedSecretOf(keysId), 'secretAccessKey'), secretAccessKey);
  assert.ok(ok(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--format', 'json']).stdout.includes(secretAccessKey), 'vending hands out the secret');
});

shred('after remove --force --shred the secret cannot be recovered with the master key: SecretShredded', async () => {
  const sealed = sealedSecretOf(keysId);
  const removed = ok(['remove', '--org', 'acme', '--provider', 'keys', '--force', '--shred', '--json']).json<{ removed: boolean; shredded: boolean }>();
  assert.equal([removed.removed, removed.shredded], [true, true]);
  try {
    await unsealWithMasterKey(sealed, 'secretAccessKey');
    assert.unreachable('a shredded secret was opened');
  } catch (error) {
    assert.is((error as { _tag?: string })._tag, 'SecretShredded');
    assert.not.match(String((error as Error).message), secretAccessKey);
  }
});

shred('the sealed events stay: history still shows the provider added, unlinked and removed', () => {
  const types = ok(['history', '--org', 'acme', '--json']).json<HistoryRow[]>().map((e) => e.type);
  assert.ok(types.includes('ProviderAdded'));
  assert.is(types[types.length - 1], 'ProviderRemoved');
  assert.ok(ok(['history', '--org', 'acme']).stdout.includes('ProviderRemoved'));
});

shred('list, resolve, show and credentials still work and no longer see the shredded provider', () => {
  const list = ok(['list', '--org', 'acme', '--json']).json<Array<{ id: string }>>();
  assert.equal(list.map((p) => p.id), [stripeId]);
  ok(['list', '--org', 'acme']);
  const resolved = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--json']).json<{ source: string; provider: unknown }>();
  assert.equal([resolved.source, resolved.provider], ['none', null]);
  ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--explain']);
  assert.is(ws.run(['show', '--org', 'acme', '--provider', keysId]).code, 1);
  const credentials = ws.run(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--json']);
  assert.is(credentials.code, 1, credentials.stderr);
  assert.not.match(credentials.stderr, secretAccessKey);
});

shred('other providers keep their secrets, and a removal without --shred keeps the data key', async () => {
  assert.is(await unsealWithMasterKey(sealedSecretOf(stripeId), 'secretKey'), stripeKey);
  ok(['remove', '--org', 'acme', '--provider', 'stripe']);
  assert.is(await unsealWithMasterKey(sealedSecretOf(stripeId), 'secretKey'), stripeKey);
});

shred('the removed name can be used again, and master-key rotation still works with a shredded key in the store', () => {
  ok(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin'], secretAccessKey);
  const next = generateMasterKey();
  const rotated = ws.run(['master-key', 'rotate'], { env: { PROVIDERS_MASTER_KEY: `${next},${masterKey}` } });
  assert.is(rotated.code, 0, rotated.stderr);
});

shred.run();
