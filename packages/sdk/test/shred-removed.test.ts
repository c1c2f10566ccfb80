// Removal with shred through the SDK: the removal is recorded, then the data key goes; a crash in
// between leaves a recorded shred that shredRemoved finishes, once.
import * as E from 'fp-ts/lib/Either.js';
import type { Command, SealedSecret } from '@providers/domain';
import { MasterKeyring, SecretShredded, generateMasterKey } from '@providers/secrets';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const test = suite('removeProvider and shredRemoved');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let n = 0;

const open = () => Providers.open({ store: 'memory:', masterKeys: MasterKeyring.parse(generateMasterKey()) });

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

const shreddedError = async (providers: Providers, sealed: SealedSecret): Promise<unknown> =>
  providers.sealer.unseal(sealed, 'secretAccessKey').then(
    () => assert.unreachable('a shredded secret was opened'),
    (error: unknown) => error,
  );

test('after a crash between the recorded shred and the key deletion, shredRemoved deletes the key; again, it changes nothing', async () => {
  const providers = await open();
  try {
    const { id, sealed } = await addKeys(providers, 'acme', 'ci');
    // The crash: the removal with shred is recorded, the key deletion never ran.
    assert.ok(E.isRight(await providers.execute(removal('acme', id, true))));
    assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);

    assert.equal(await providers.shredRemoved('acme'), [`acme/${id}`]);
    assert.not.ok(await providers.sealer.hasKey(`acme/${id}`));
    const error = await shreddedError(providers, sealed);
    assert.instance(error, SecretShredded);
    assert.is((error as SecretShredded).keyId, `acme/${id}`);

    const before = await providers.history('acme');
    assert.equal(await providers.shredRemoved('acme'), []);
    assert.is((await providers.history('acme')).length, before.length);
    assert.instance(await shreddedError(providers, sealed), SecretShredded);
  } finally {
    await providers.close();
  }
});

test('shredRemoved leaves the keys of providers removed without shred, of live providers and of other orgs', async () => {
  const providers = await open();
  try {
    const kept = await addKeys(providers, 'acme', 'kept');
    const live = await addKeys(providers, 'acme', 'live');
    const elsewhere = await addKeys(providers, 'globex', 'ci');
    assert.ok(E.isRight(await providers.execute(removal('acme', kept.id, false))));
    assert.ok(E.isRight(await providers.execute(removal('globex', elsewhere.id, true))));

    assert.equal(await providers.shredRemoved('acme'), []);
    for (const { sealed } of [kept, live, elsewhere]) assert.is(await providers.sealer.unseal(sealed, 'secretAccessKey'), SECRET);
    assert.equal(await providers.shredRemoved('globex'), [`globex/${elsewhere.id}`]);
    assert.is(await providers.sealer.unseal(live.sealed, 'secretAccessKey'), SECRET);
  } finally {
    await providers.close();
  }
});

test('removeProvider with shred records the removal and deletes the key; by name, and without shred the key stays', async () => {
  const providers = await open();
  try {
    const shredded = await addKeys(providers, 'acme', 'shredded');
    const kept = await addKeys(providers, 'acme', 'kept');
    const removed = await providers.removeProvider({ orgId: 'acme', actor: admin, provider: 'SHREDDED', shred: true });
    assert.ok(E.isRight(removed));
    if (E.isRight(removed)) assert.equal(removed.right.events.map((e) => [e.event.type, e.event.data]), [['ProviderRemoved', { providerId: shredded.id, shredded: true }]]);
    assert.instance(await shreddedError(providers, shredded.sealed), SecretShredded);

    assert.ok(E.isRight(await providers.removeProvider({ orgId: 'acme', actor: admin, provider: kept.id })));
    assert.is(await providers.sealer.unseal(kept.sealed, 'secretAccessKey'), SECRET);
    assert.equal((await providers.state('acme')).providers.size, 0);
  } finally {
    await providers.close();
  }
});

test('a removal a rule refuses records nothing and shreds nothing; force releases the usages first', async () => {
  const providers = await open();
  try {
    const { id, sealed } = await addKeys(providers, 'acme', 'ci');
    const setDefault = { type: 'SetDefaultProvider', orgId: 'acme', commandId: `t-${++n}`, actor: admin, issuedAt: new Date().toISOString(), providerId: id } as Command;
    assert.ok(E.isRight(await providers.execute(setDefault)));
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
  } finally {
    await providers.close();
  }
});

test.run();
