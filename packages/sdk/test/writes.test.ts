// Typed writes, and the prepare step under a race: a command that loses leaves no data key behind.
import * as E from 'fp-ts/lib/Either.js';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import type { EventStore } from '@providers/store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers, openStores, type AddProviderInput, type Stores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const member = { id: 'mo', role: 'member' as const };
const writes = suite('typed writes');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const keysAdd = (name: string, providerId: string): AddProviderInput => ({
  orgId: 'acme',
  actor: admin,
  name,
  providerId,
  type: 'stripe',
  credentials: { kind: 'secret', fields: { apiKey: `sk_${providerId}` } },
});

/** Stores whose event store runs `before` ahead of its next append: another writer gets in between a decision and its append. */
const interleaved = (stores: Stores, before: () => Promise<void>): Stores => {
  let pending: (() => Promise<void>) | undefined = before;
  const append: EventStore['append'] = async (...args) => {
    const run = pending;
    pending = undefined;
    await run?.();
    return stores.events.append(...args);
  };
  const events = new Proxy(stores.events, {
    get: (store, name) => (name === 'append' ? append : Reflect.get(store, name, store)?.bind?.(store) ?? Reflect.get(store, name, store)),
  });
  return { events, keys: stores.keys, close: async () => undefined };
};

writes('link, unlink, defaults and renames by name, each through its own method', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  const role = (account: string) => ({ kind: 'aws-role' as const, roleArn: `arn:aws:iam::${account}:role/deploy` });
  assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: role('111111111111') })));
  assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'prod', type: 'aws', credentials: role('222222222222') })));
  const where = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
  const source = async () => {
    const r = await providers.resolve(where);
    return [r.source, r.provider?.name ?? null];
  };

  assert.ok(E.isRight(await providers.setDefault({ orgId: 'acme', actor: admin, provider: 'DEV' })));
  assert.equal(await source(), ['org-default', 'dev']);
  assert.ok(E.isRight(await providers.link({ orgId: 'acme', actor: member, provider: 'prod', app: 'app1', service: 'api' })));
  assert.equal(await source(), ['service', 'prod']);
  assert.ok(E.isRight(await providers.link({ orgId: 'acme', actor: member, provider: 'dev', app: 'app1', service: 'api', stage: 'prod' })));
  assert.equal(await source(), ['stage', 'dev']);
  assert.ok(E.isRight(await providers.renameProvider({ orgId: 'acme', actor: admin, provider: 'dev', name: 'development' })));
  assert.equal(await source(), ['stage', 'development']);
  assert.ok(E.isRight(await providers.unlink({ orgId: 'acme', actor: member, app: 'app1', service: 'api', stage: 'prod' })));
  assert.ok(E.isRight(await providers.unlink({ orgId: 'acme', actor: member, app: 'app1', service: 'api' })));
  assert.equal(await source(), ['org-default', 'development']);
  assert.ok(E.isRight(await providers.clearDefault({ orgId: 'acme', actor: admin })));
  assert.equal(await source(), ['none', null]);

  const refused = await providers.setDefault({ orgId: 'acme', actor: member, provider: 'prod' });
  assert.ok(E.isLeft(refused) && refused.left._tag === 'PermissionDenied');
  const missing = await providers.link({ orgId: 'acme', actor: member, provider: 'nobody', app: 'app1', service: 'api' });
  assert.ok(E.isLeft(missing) && missing.left._tag === 'ProviderNotFound');
  const regionOnly = await providers.link({ orgId: 'acme', actor: member, provider: 'prod', app: 'app1', service: 'api', region: 'us-east-1' });
  assert.ok(E.isLeft(regionOnly) && regionOnly.left._tag === 'InvalidInput' && regionOnly.left.field === 'stage');
  await providers.close();
});

writes('the same command id records once, and seals under the key it created', async () => {
  const stores = await openStores({ kind: 'memory' });
  const providers = await Providers.open({ store: stores, masterKeys: MasterKeyring.parse(generateMasterKey()) });
  const add = { ...keysAdd('stripe', 'p1'), commandId: 'add-once' };
  assert.ok(E.isRight(await providers.addProvider(add)));
  const again = await providers.addProvider(add);
  assert.ok(E.isRight(again) && again.right.events.length === 0);
  assert.is((await providers.history('acme')).length, 1);
  assert.equal(await stores.keys.list(), ['acme/p1']);
  await providers.close();
});

/**
 * Two libraries on one memory store and master key: the loser decides on the org as it is, then
 * the winner's `winnerAdd` is recorded before the loser's append.
 */
const race = async (winnerAdd: AddProviderInput) => {
  const stores = await openStores({ kind: 'memory' });
  const masterKeys = MasterKeyring.parse(generateMasterKey());
  const winner = await Providers.open({ store: stores, masterKeys });
  const loser = await Providers.open({
    store: interleaved(stores, async () => assert.ok(E.isRight(await winner.addProvider(winnerAdd)))),
    masterKeys,
  });
  return { stores, masterKeys, winner, loser };
};

writes('an add that loses the race and is then refused leaves exactly as many data keys as providers', async () => {
  // The loser decides on the org without "stripe", then the winner adds it before the loser's append.
  const { stores, winner, loser } = await race(keysAdd('stripe', 'p-winner'));
  const lost = await loser.addProvider(keysAdd('Stripe', 'p-loser'));
  assert.ok(E.isLeft(lost) && lost.left._tag === 'ProviderNameTaken');
  assert.equal(await stores.keys.list(), ['acme/p-winner']);
  assert.equal((await winner.listProviders('acme')).map((p) => p.id), ['p-winner']);
  await stores.close();
});

writes('two adds of one provider id at once: the key the recorded one sealed with is kept and opens its secret', async () => {
  const { stores, masterKeys, winner, loser } = await race(keysAdd('stripe', 'p1'));
  const lost = await loser.addProvider({ ...keysAdd('other', 'p1'), credentials: { kind: 'secret', fields: { apiKey: SECRET } } });
  assert.ok(E.isLeft(lost) && lost.left._tag === 'ProviderAlreadyExists');
  assert.equal(await stores.keys.list(), ['acme/p1']);
  const provider = await winner.findProvider('acme', 'p1');
  assert.ok(provider?.credentials.kind === 'secret');
  if (provider?.credentials.kind === 'secret')
    assert.is(await new SecretSealer({ keys: stores.keys, masterKeys }).unseal(provider.credentials.fields.apiKey!, 'apiKey'), 'sk_p1');
  await stores.close();
});

writes.run();
