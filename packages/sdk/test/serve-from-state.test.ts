// Resolve answers from the org's cached state: a warm resolve reads nothing of the org's
// history, and a write by another writer on the same store costs one read of the tail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@providers/store';
import { Providers, openStores, parseStoreUrl, type Stores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const target = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
const serve = suite('resolve serves from the cached org state');

/** The stores, with every event read from the org's stream counted. */
const counted = (stores: Stores) => {
  const reads = { events: 0 };
  const events: EventStore = Object.create(stores.events) as EventStore;
  events.readStream = async function* (stream: string, options?: ReadStreamOptions): AsyncIterable<readonly RecordedEvent[]> {
    for await (const page of stores.events.readStream(stream, options)) {
      if (stream === 'providers-org-acme') reads.events += page.length;
      yield page;
    }
  };
  return { stores: { ...stores, events, close: () => stores.close() } as Stores, reads };
};

let n = 0;
/** Links a provider (by name) at a service, or at a stage with `stage`. */
const link = async (providers: Providers, name: string, service: string, stage?: string) => {
  const provider = await providers.findProvider('acme', name);
  const envelope = { orgId: 'acme', commandId: `link-${++n}`, actor: admin, issuedAt: new Date().toISOString(), providerId: provider!.id, app: 'app1', service };
  return providers.execute(stage === undefined ? { type: 'LinkProviderToService', ...envelope } : { type: 'LinkProviderToInstance', ...envelope, stage });
};

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

  const { stores, reads } = counted(await openStores(parseStoreUrl(url)));
  const reader = await Providers.open({ store: stores });
  assert.is((await reader.resolve(target)).provider?.name, 'dev');
  const cold = reads.events;
  assert.ok(cold > 200, `the cold start read ${cold} events`);
  for (let i = 0; i < 5; i++) assert.is((await reader.resolve(target)).provider?.name, 'dev');
  assert.is(reads.events, cold, 'a warm resolve read events of the org');

  assert.ok(E.isRight(await link(writer, 'prod', 'api', 'prod')));
  const answer = await reader.resolve(target);
  assert.is(answer.provider?.name, 'prod');
  assert.is(answer.source, 'stage');
  assert.is(reads.events, cold + 1, 'the other writer’s event was read once');
  await reader.close();
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
});

serve.run();
