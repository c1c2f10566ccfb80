// Removal with shred through the SDK: the removal is recorded, then the data key goes; a crash in
// between leaves a recorded shred that shred(orgId) finishes, once.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import type { Command, SealedSecret } from '@providers/domain';
import { MasterKeyring, SecretSealer, SecretShredded, generateMasterKey } from '@providers/secrets';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers, openStores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const test = suite('removeProvider and shred');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let n = 0;

/**
 * The library on a memory store, and what a test looks at beside it: a sealer
 * on the same keys (a new one each time, so that no cached data key outlives
 * a shred) and a command handler on the same events.
 */
const open = async () => {
  const stores = await openStores({ kind: 'memory' });
  const masterKeys = MasterKeyring.parse(generateMasterKey());
  const providers = await Providers.open({ store: stores, masterKeys });
  const sealer = {
    unseal: (sealed: SealedSecret, field: string) => new SecretSealer({ keys: stores.keys, masterKeys }).unseal(sealed, field),
    hasKey: async (keyId: string) => (await stores.keys.get(keyId)) !== undefined,
  };
  return Object.assign(providers, { sealer, handler: new CommandHandler(stores.events) });
};
type Opened = Awaited<ReturnType<typeof open>>;

/** A test body run on a library of its own (see `open`), closed after it, also when it fails. */
const onLibrary = (body: (providers: Opened) => Promise<void>) => async () => {
  const providers = await open();
  try {
    await body(providers);
  } finally {
    await providers.close();
  }
};

/** Adds a provider with static keys to `orgId`; gives its id and its sealed secret. */
const addKeys = async (providers: Providers, orgId: string, name: string): Promise<{ id: string; sealed: SealedSecret }> => {
  const added = await providers.addProvider({
    orgId,
    actor: admin,
    name,
    type: 'aws',
    accountId: '123456789012',
    credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
  });
  assert.ok(E.isRight(added));
  const provider = await providers.findProvider(orgId, name);
  assert.ok(provider?.credentials.kind === 'aws-keys');
  if (provider?.credentials.kind !== 'aws-keys') throw new Error('unreachable');
  return { id: provider.id, sealed: provider.credentials.secretAccessKey };
};

const removal = (orgId: string, providerId: string, shred: boolean): Command =>
  ({
    type: 'RemoveProvider',
    orgId,
    commandId: `t-${++n}`,
    actor: admin,
    issuedAt: new Date().toISOString(),
    providerId,
    ...(shred ? { shred: true } : {}),
  }) as Command;

const shreddedError = async (providers: Opened, sealed: SealedSecret): Promise<unknown> =>
  providers.sealer.unseal(sealed, 'secretAccessKey').then(
    () => assert.unreachable('a shredded secret was opened'),
    (error: unknown) => error,
  );

test(
  'after a crash between the recorded shred and the key deletion, shred deletes the key; again, it changes nothing',
  onLibrary(async (providers) => {
    const { id, sealed } = await addKeys(providers, 'acme', 'ci');
    // The crash: the removal with shred is recorded, the key deletion never ran.
    assert.ok(E.isRight(await providers.handler.execute(removal('acme', id, true))));
    assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);

    assert.equal(await providers.shred('acme'), [`acme/${id}`]);
    assert.not.ok(await providers.sealer.hasKey(`acme/${id}`));
    const error = await shreddedError(providers, sealed);
    assert.instance(error, SecretShredded);
    assert.is((error as SecretShredded).keyId, `acme/${id}`);

    const before = await providers.history('acme');
    assert.equal(await providers.shred('acme'), []);
    assert.is((await providers.history('acme')).length, before.length);
    assert.instance(await shreddedError(providers, sealed), SecretShredded);
  }),
);

test(
  'shred leaves the keys of providers removed without shred, of live providers and of other orgs',
  onLibrary(async (providers) => {
    const kept = await addKeys(providers, 'acme', 'kept');
    const live = await addKeys(providers, 'acme', 'live');
    const elsewhere = await addKeys(providers, 'globex', 'ci');
    assert.ok(E.isRight(await providers.handler.execute(removal('acme', kept.id, false))));
    assert.ok(E.isRight(await providers.handler.execute(removal('globex', elsewhere.id, true))));

    assert.equal(await providers.shred('acme'), []);
    for (const { sealed } of [kept, live, elsewhere]) assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);
    assert.equal(await providers.shred('globex'), [`globex/${elsewhere.id}`]);
    assert.is(await providers.sealer.unseal(live.sealed, 'secretAccessKey'), SECRET);
  }),
);

test(
  'removeProvider with shred records the removal and deletes the key; by name, and without shred the key stays',
  onLibrary(async (providers) => {
    const shredded = await addKeys(providers, 'acme', 'shredded');
    const kept = await addKeys(providers, 'acme', 'kept');
    const removed = await providers.removeProvider({ orgId: 'acme', actor: admin, provider: 'SHREDDED', shred: true });
    assert.ok(E.isRight(removed));
    if (E.isRight(removed)) assert.equal(removed.right.events.map((e) => [e.event.type, e.event.data]), [['ProviderRemoved', { providerId: shredded.id, shredded: true }]]);
    assert.instance(await shreddedError(providers, shredded.sealed), SecretShredded);

    assert.ok(E.isRight(await providers.removeProvider({ orgId: 'acme', actor: admin, provider: kept.id })));
    assert.is(await providers.sealer.unseal(kept.sealed, 'secretAccessKey'), SECRET);
    assert.equal(await providers.listProviders('acme'), []);
  }),
);

test(
  'a removal a rule refuses records nothing and shreds nothing; force releases the usages first',
  onLibrary(async (providers) => {
    const { id, sealed } = await addKeys(providers, 'acme', 'ci');
    assert.ok(E.isRight(await providers.setDefault({ orgId: 'acme', actor: admin, provider: id })));
    const events = (await providers.history('acme')).length;

    const refused = await providers.removeProvider({ orgId: 'acme', actor: admin, provider: 'ci', shred: true });
    assert.ok(E.isLeft(refused));
    assert.is((await providers.history('acme')).length, events);
    assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);

    const member = await providers.removeProvider({ orgId: 'acme', actor: { id: 'bob', role: 'member' }, provider: 'ci', force: true, shred: true });
    assert.ok(E.isLeft(member));
    assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);

    const forced = await providers.removeProvider({ orgId: 'acme', actor: admin, provider: 'ci', force: true, shred: true });
    assert.ok(E.isRight(forced));
    if (E.isRight(forced)) assert.equal(forced.right.events.map((e) => e.event.type), ['DefaultProviderCleared', 'ProviderRemoved']);
    assert.instance(await shreddedError(providers, sealed), SecretShredded);

    const missing = await providers.removeProvider({ orgId: 'acme', actor: admin, provider: 'nobody' });
    assert.ok(E.isLeft(missing));
  }),
);

test.run();
