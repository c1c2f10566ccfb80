// Live read models for long-running embedders: caught up, following new writes, resumed from a checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FileCheckpointStore, Providers, openStores } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const addRole = (providers: Providers, name: string, account: string) =>
  providers.addProvider({ orgId: 'acme', actor: admin, name, type: 'aws', credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${account}:role/deploy` } });
const request = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };

const live = suite('Providers.live');

live('catches up, then follows new writes', async () => {
  const providers = await Providers.open({ store: 'memory:' });
  assert.ok(E.isRight(await addRole(providers, 'dev', '111111111111')));
  const models = await providers.live();
  await models.caughtUp();
  assert.is(models.catalog.list('acme').length, 1);
  const linked = await providers.link({ orgId: 'acme', actor: admin, provider: 'dev', app: 'app1', service: 'api' });
  assert.ok(E.isRight(linked));
  if (E.isRight(linked)) await models.waitFor(linked.right.position!);
  assert.equal([models.index.resolve(request).source, models.index.resolve(request).provider?.name], ['service', 'dev']);
  await models.stop();
  await providers.close();
});

live('a restart resumes from the saved snapshot and reads only what came after', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-live-'));
  try {
    const store = `sqlite:${join(dir, 'events.db')}`;
    const first = await Providers.open({ store });
    for (let i = 0; i < 20; i++) assert.ok(E.isRight(await addRole(first, `p${i}`, '111111111111')));
    const models = await first.live({ checkpoints: new FileCheckpointStore(join(dir, 'projections')) });
    await models.caughtUp();
    await models.stop();
    assert.ok(E.isRight(await addRole(first, 'late', '222222222222')));
    await first.close();

    const stores = await openStores({ kind: 'sqlite', path: join(dir, 'events.db') });
    const second = await Providers.open({ store: stores });
    let read = 0;
    const { events } = stores;
    const readAll = events.readAll.bind(events);
    events.readAll = async function* (options) {
      for await (const page of readAll(options)) {
        read += page.length;
        yield page;
      }
    };
    const resumed = await second.live({ checkpoints: new FileCheckpointStore(join(dir, 'projections')) });
    await resumed.caughtUp();
    assert.is(read, 1, 'only the event appended after the snapshot is read');
    assert.is(resumed.catalog.list('acme').length, 21);
    await resumed.stop();
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

live.run();
