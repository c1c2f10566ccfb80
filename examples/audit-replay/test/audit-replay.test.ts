// The audit replay reads a store another process wrote, and says who linked which account to what, when.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '@providers/sdk';
import { describeFact, replayLinkFacts } from '../src/audit-replay.js';
import { demoClock, recordDemoHistory } from '../src/demo-history.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const EXPECTED = [
  '2026-01-05T09:02:00.000Z  alice (admin) set Dev AWS [111111111111] as the default of acme',
  '2026-01-05T09:03:00.000Z  mo (member) linked Dev AWS [111111111111] to acme shop/api',
  '2026-01-05T09:04:00.000Z  mo (member) linked Dev AWS [111111111111] to acme shop/api/prod',
  '2026-01-05T09:05:00.000Z  alice (admin) linked Prod AWS [222222222222] to acme shop/api/prod, replacing Dev AWS [111111111111]',
  '2026-01-05T09:07:00.000Z  mo (member) linked Production [222222222222] to acme shop/web/prod/eu-west-1',
  '2026-01-05T09:08:00.000Z  mo (member) unlinked Dev AWS [111111111111] from acme shop/api',
];

const replay = suite<{ dir: string; store: string }>('audit replay', { dir: '', store: '' });
replay.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'audit-replay-'));
  context.store = `sqlite:${join(context.dir, 'events.db')}`;
  const writer = await Providers.open({ store: context.store, clock: () => demoClock.now });
  await recordDemoHistory(writer);
  await writer.close();
});
replay.after(({ dir }) => rmSync(dir, { recursive: true, force: true }));

replay('replays the store: every link, replacement, unlink and default, with the names and accounts of that moment', async ({ store }) => {
  const providers = await Providers.open({ store });
  try {
    assert.equal((await replayLinkFacts(providers, { orgId: 'acme' })).map(describeFact), EXPECTED);
  } finally {
    await providers.close();
  }
});

replay('filters by account: a fact counts for the account it linked and the one it replaced', async ({ store }) => {
  const providers = await Providers.open({ store });
  try {
    const lines = (await replayLinkFacts(providers, { accountId: '222222222222' })).map(describeFact);
    assert.equal(lines, [EXPECTED[3], EXPECTED[4]]);
    assert.equal(await replayLinkFacts(providers, { orgId: 'globex' }), []);
  } finally {
    await providers.close();
  }
});

replay('the script prints the same lines and a count', async ({ store }) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, '--store', store, '--org', 'acme'], { cwd: ROOT });
  assert.equal(stdout.trim().split('\n'), [...EXPECTED, '6 facts']);
});

replay.run();
