// `cachedOrgs` bounds the orgs whose state and read models the library keeps in memory: an org
// dropped for another is loaded again when next asked for, and every answer stays right.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidCacheBound, Providers } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const role = (account: string) => ({ kind: 'aws-role' as const, roleArn: `arn:aws:iam::${account}:role/deploy` });

test('with room for one org, reads and writes of two orgs taken in turns answer as with room for both', async () => {
  const providers = await Providers.open({ store: 'memory:', cachedOrgs: 1 });
  try {
    for (const [orgId, account] of [['acme', '111111111111'], ['beta', '222222222222']] as const) {
      assert.ok(E.isRight(await providers.addProvider({ orgId, actor: admin, name: 'dev', type: 'aws', credentials: role(account) })));
      assert.ok(E.isRight(await providers.link({ orgId, actor: admin, provider: 'dev', app: 'app1', service: 'api' })));
    }
    for (let turn = 0; turn < 3; turn++)
      for (const [orgId, account] of [['acme', '111111111111'], ['beta', '222222222222']] as const) {
        const listed = await providers.listProviders(orgId);
        assert.equal(listed.map((entry) => [entry.name, entry.accountId]), [['dev', account]]);
        const resolved = await providers.resolve({ orgId, app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' });
        assert.equal([resolved.source, resolved.provider?.name], ['service', 'dev']);
      }
    // A write on an org another read dropped is decided on its state loaded again: the name is taken.
    const again = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: role('333333333333') });
    assert.ok(E.isLeft(again));
    assert.is(again.left._tag, 'ProviderNameTaken');
    const renamed = await providers.renameProvider({ orgId: 'beta', actor: admin, provider: 'dev', name: 'staging' });
    assert.ok(E.isRight(renamed));
    assert.equal((await providers.listProviders('acme')).map((entry) => entry.name), ['dev']);
    assert.equal((await providers.listProviders('beta')).map((entry) => entry.name), ['staging']);
  } finally {
    await providers.close();
  }
});

test('a bound that is not a whole number of at least 1 is refused when the library opens, naming the option', async () => {
  for (const cachedOrgs of [0, 2.5]) {
    const opened = Providers.open({ store: 'memory:', cachedOrgs });
    const refused = await opened.then(
      (providers) => providers.close(),
      (error: unknown) => error,
    );
    assert.instance(refused, InvalidCacheBound);
    assert.is((refused as InvalidCacheBound).field, 'cachedOrgs');
  }
});

test('a refused bound closes the stores the library opened for it: the SQLite file is left as at rest, no write-ahead log open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-cached-orgs-'));
  try {
    const file = join(dir, 'events.db');
    const refused = await Providers.open({ store: `sqlite:${file}`, cachedOrgs: 0 }).then(
      (providers) => providers.close(),
      (error: unknown) => error,
    );
    assert.instance(refused, InvalidCacheBound);
    assert.ok(existsSync(file), 'the store was opened before the options were refused');
    assert.not.ok(existsSync(`${file}-wal`), 'a connection is still open on the store');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
