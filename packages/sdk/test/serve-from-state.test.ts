// Resolve answers from the org's cached state: a warm resolve reads nothing of the org's
// history, and a write by another writer on the same store costs one read of the tail; findProvider
// and externalIdOf answer from the same state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore } from '@providers/store';
import { ORG_STREAM_PREFIX } from '@providers/domain';
import { Providers, openStores, parseStoreUrl, type Stores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const target = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
const request = target;
const serve = suite('resolve serves from the cached org state');

/** The stores, with every event read from an org's stream counted: what a replay of its history would read again. */
const counted = (stores: Stores) => {
  let read = 0;
  const readStream: EventStore['readStream'] = async function* (...args) {
    for await (const page of stores.events.readStream(...args)) {
      if (args[0].startsWith(ORG_STREAM_PREFIX)) read += page.length;
      yield page;
    }
  };
  const events = new Proxy(stores.events, {
    get: (store, name) => (name === 'readStream' ? readStream : Reflect.get(store, name, store)?.bind?.(store) ?? Reflect.get(store, name, store)),
  });
  return { stores: { ...stores, events }, read: () => read };
};

/** A memory store, counted, and the same store uncounted for another writer. */
const counting = async () => {
  const raw = await openStores({ kind: 'memory' });
  return { ...counted(raw), raw };
};

/** Links a provider (by name) at a service, or at a stage with `stage`. */
const link = (providers: Providers, name: string, service: string, stage?: string) =>
  providers.link({ orgId: 'acme', actor: admin, provider: name, app: 'app1', service, ...(stage === undefined ? {} : { stage }) });

const roleOf = (account: string) => ({ kind: 'aws-role' as const, roleArn: `arn:aws:iam::${account}:role/deploy` });

serve('a warm resolve reads no event; another writer’s link is one read of the tail, and is the answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-serve-'));
  const url = `sqlite:${join(dir, 'events.db')}`;
  const writer = await Providers.open({ store: url });
  for (const [name, account] of [['dev', '111111111111'], ['prod', '222222222222']] as const)
    assert.ok(E.isRight(await writer.addProvider({ orgId: 'acme', actor: admin, name, type: 'aws', credentials: roleOf(account) })));
  // History that a replay per resolve would pay for again and again.
  for (let i = 0; i < 200; i++)
    assert.ok(E.isRight(await link(writer, i % 2 ? 'dev' : 'prod', `svc${i}`)));
  assert.ok(E.isRight(await link(writer, 'dev', 'api')));

  const { stores, read } = counted(await openStores(parseStoreUrl(url)));
  const reader = await Providers.open({ store: stores });
  assert.is((await reader.resolve(target)).provider?.name, 'dev');
  const cold = read();
  assert.ok(cold > 200, `the cold start read ${cold} events`);
  for (let i = 0; i < 5; i++) assert.is((await reader.resolve(target)).provider?.name, 'dev');
  assert.is(read(), cold, 'a warm resolve read events of the org');

  assert.ok(E.isRight(await link(writer, 'prod', 'api', 'prod')));
  const answer = await reader.resolve(target);
  assert.is(answer.provider?.name, 'prod');
  assert.is(answer.source, 'stage');
  assert.is(read(), cold + 1, 'the other writer’s event was read once');
  await reader.close();
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
});

serve('a warm resolve reads no event; after another writer appends one, it reads that one', async () => {
  const { stores, raw, read } = await counting();
  const providers = await Providers.open({ store: stores });
  const other = await Providers.open({ store: raw });
  for (let i = 0; i < 50; i++)
    assert.ok(E.isRight(await other.addProvider({ orgId: 'acme', actor: admin, name: `p${i}`, type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' } })));
  assert.is((await providers.resolve(request)).source, 'none');
  const cold = read();
  assert.is(cold, 50);

  assert.is((await providers.resolve(request)).source, 'none');
  const p0 = await providers.findProvider('acme', 'p0');
  assert.is(await providers.externalIdOf('acme'), p0?.credentials.kind === 'aws-role' ? p0.credentials.externalId : undefined);
  assert.is(read(), cold, 'warm reads read nothing');

  assert.ok(E.isRight(await other.link({ orgId: 'acme', actor: admin, provider: 'p7', app: 'app1', service: 'api' })));
  const resolved = await providers.resolve(request);
  assert.equal([resolved.source, resolved.provider?.name], ['service', 'p7']);
  assert.is(read(), cold + 1, 'only the new event is read');
  await Promise.all([providers.close(), other.close()]);
});

serve('list, show, audit and read models answer from cached models: warm, they read only what another writer appended', async () => {
  const { stores, raw, read } = await counting();
  const providers = await Providers.open({ store: stores });
  const other = await Providers.open({ store: raw });
  const positions: bigint[] = [];
  for (let i = 0; i < 20; i++) {
    const added = await other.addProvider({ orgId: 'acme', actor: admin, name: `p${i}`, type: 'aws', credentials: roleOf('111111111111') });
    assert.ok(E.isRight(added));
    if (E.isRight(added)) positions.push(added.right.position!);
  }
  assert.is((await providers.listProviders('acme')).length, 20);
  const cold = read();
  assert.is(cold, 20);
  assert.is((await providers.showProvider('acme', 'p3'))?.usages.services.length, 0);
  assert.is((await providers.audit({ orgId: 'acme' })).length, 20);
  assert.is((await providers.readModels('acme')).catalog.list('acme').length, 20);
  assert.is(read(), cold, 'warm reads read nothing');

  assert.ok(E.isRight(await other.link({ orgId: 'acme', actor: admin, provider: 'p3', app: 'app1', service: 'api' })));
  assert.equal((await providers.showProvider('acme', 'p3'))?.usages.services.map((s) => s.service), ['api']);
  assert.is((await providers.audit({ orgId: 'acme' })).length, 21);
  assert.is(read(), cold + 1, 'only the new event is read');
  // A point in the past is a replay up to it, and does not disturb the cached models.
  assert.is((await providers.readModels('acme', { position: positions[0] })).catalog.list('acme').length, 1);
  assert.is((await providers.listProviders('acme')).length, 20);
  await Promise.all([providers.close(), other.close()]);
});

serve('an as-of resolve answers from the history up to that point', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' } })));
  const linked = await providers.link({ orgId: 'acme', actor: admin, provider: 'dev', app: 'app1', service: 'api' });
  assert.ok(E.isRight(linked));
  const position = E.isRight(linked) ? linked.right.position! : 0n;
  assert.ok(E.isRight(await providers.unlink({ orgId: 'acme', actor: admin, app: 'app1', service: 'api' })));
  assert.is((await providers.resolve(request)).source, 'none');
  assert.is((await providers.resolve(request, { position })).source, 'service');
  assert.is((await providers.resolve(request, { position: position - 1n })).source, 'none');
  await providers.close();
});

serve.run();
