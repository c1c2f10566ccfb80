// Reads answer from the org state this process caches, brought up to date by a tail read: a link
// written by another process on the same SQLite file is seen by the very next resolve here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'providers-read-your-writes-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const writer = fileURLToPath(new URL('./fixtures/link-writer.ts', import.meta.url));
const admin = { id: 'alice', role: 'admin' as const };
const role = (account: string) => ({ kind: 'aws-role' as const, roleArn: `arn:aws:iam::${account}:role/deploy` });

test('a link another process writes is seen by the next resolve, vend and lookup of this one', async () => {
  const path = join(dir, 'events.db');
  const providers = await Providers.open({ store: `sqlite:${path}` });
  try {
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: role('111111111111') })));
    assert.ok(E.isRight(await providers.addProvider({ orgId: 'acme', actor: admin, name: 'prod', type: 'aws', credentials: role('222222222222') })));
    assert.ok(E.isRight(await providers.link({ orgId: 'acme', actor: admin, provider: 'dev', app: 'app1', service: 'api' })));
    const request = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };
    assert.equal((await providers.resolve(request)).provider?.name, 'dev');

    await promisify(execFile)(process.execPath, ['--import', 'tsx', writer, path, 'prod', 'prod']);

    const after = await providers.resolve(request);
    assert.equal([after.source, after.provider?.name], ['stage', 'prod']);
    assert.is(after.chain.find((link) => link.scope === 'stage')?.setBy?.actor, 'other-process');
    const stage = (await providers.showProvider('acme', 'prod'))?.usages.instances.map((i) => i.stage);
    assert.equal(stage, ['prod']);
  } finally {
    await providers.close();
  }
});

test.run();
