// `providers shred` finishes a shred that a crash interrupted: the removal with shred was recorded
// but the data key is still there. It deletes the key once; running it again changes nothing.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CommandHandler } from '@providers/commands';
import type { Command, SealedSecret } from '@providers/domain';
import { Providers, openStores } from '@providers/sdk';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import { workspace } from '../support.js';

const masterKey = generateMasterKey();
const secretAccessKey = randomBytes(30).toString('base64').slice(0, 40);
const test = suite('providers shred');
const ws = workspace({ PROVIDERS_MASTER_KEY: masterKey });
const { ok } = ws;

/** What a test uses on the store the CLI writes: the library, and a sealer and command handler of its own there. */
interface Opened {
  readonly providers: Providers;
  readonly sealer: SecretSealer;
  readonly handler: CommandHandler;
  readonly keys: { list(): Promise<readonly string[]> };
}

/** Runs `body` on the store the CLI writes, opened with the same master key. */
const withStore = async <T>(body: (store: Opened) => Promise<T>): Promise<T> => {
  const stores = await openStores({ kind: 'sqlite', path: join(ws.dir, '.providers', 'events.db') });
  const masterKeys = MasterKeyring.parse(masterKey);
  const providers = await Providers.open({ store: stores, masterKeys });
  try {
    return await body({ providers, sealer: new SecretSealer({ keys: stores.keys, masterKeys }), handler: new CommandHandler(stores.events), keys: stores.keys });
  } finally {
    await providers.close();
  }
};

/** The error opening `sealed` fails with; fails the test if it opens. */
const openError = async (sealed: SealedSecret): Promise<{ _tag?: string; message: string }> => {
  try {
    await withStore(({ sealer }) => sealer.unseal(sealed, 'secretAccessKey'));
  } catch (error) {
    return error as { _tag?: string; message: string };
  }
  throw new Error('a shredded secret was opened');
};

let providerId = '';
let sealed: SealedSecret | undefined;
test.before(async () => {
  providerId = ok(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin', '--json'], secretAccessKey).json<{ id: string }>().id;
  ok(['add', '--org', 'acme', '--name', 'kept', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOQ', '--account-id', '123456789012', '--secret-access-key-stdin'], secretAccessKey);
  sealed = await withStore(async ({ providers, handler }) => {
    const provider = await providers.findProvider('acme', providerId);
    const secret = provider?.credentials.kind === 'aws-keys' ? provider.credentials.secretAccessKey : undefined;
    // The crash: the removal with shred is recorded, and the process dies before deleting the key.
    const removal = { type: 'RemoveProvider', orgId: 'acme', commandId: 'crashed-removal', actor: { id: 'alice', role: 'admin' }, issuedAt: new Date().toISOString(), providerId, shred: true } as Command;
    assert.ok(E.isRight(await handler.execute(removal)));
    return secret;
  });
});
test.after(() => ws.cleanup());

test('--help lists the command and says what it is for', () => {
  assert.match(ok(['--help']).stdout, /shred \[options\]\s+finish shredding the data keys of providers\s+removed with --shred/);
  assert.match(ok(['shred', '--help']).stdout, '--org <org>');
});

test('after the crash the key is still there: the master key opens the secret (so the tests below can fail)', async () => {
  assert.ok(sealed);
  assert.is(await withStore(({ sealer }) => sealer.unseal(sealed!, 'secretAccessKey')), secretAccessKey);
});

test('providers shred deletes the left-over key: SecretShredded; the other provider keeps its key', async () => {
  const result = ok(['shred', '--org', 'acme', '--json']).json<{ orgId: string; shredded: string[] }>();
  assert.equal(result, { orgId: 'acme', shredded: [`acme/${providerId}`] });
  const error = await openError(sealed!);
  assert.is(error._tag, 'SecretShredded');
  assert.not.match(error.message, secretAccessKey);
  const keys = await withStore(({ keys }) => keys.list());
  assert.is(keys.length, 1);
  assert.is.not(keys[0], `acme/${providerId}`);
});

test('running it again changes nothing: no key id shredded, history unchanged', async () => {
  const before = ok(['history', '--org', 'acme', '--json']).stdout;
  assert.equal(ok(['shred', '--org', 'acme', '--json']).json(), { orgId: 'acme', shredded: [] });
  assert.match(ok(['shred', '--org', 'acme']).stdout, 'nothing left to shred');
  assert.is(ok(['history', '--org', 'acme', '--json']).stdout, before);
  assert.is((await openError(sealed!))._tag, 'SecretShredded');
});

test.run();
