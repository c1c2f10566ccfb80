// A store file locked by another process: a clear error and exit code 3 after a bounded wait, never a hang.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from '../support.js';

// better-sqlite3 as the store package has it: the lock is taken by a plain second connection.
const Database = createRequire(new URL('../../../store-sqlite/package.json', import.meta.url))('better-sqlite3') as typeof import('better-sqlite3');

test('a write while another connection holds the write lock fails with exit 3 and says why; reads still work', () => {
  const ws = workspace();
  try {
    assert.is(ws.run(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']).code, 0);
    const holder = new Database(join(ws.dir, '.providers', 'events.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const blocked = ws.run(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy', '--json']);
      assert.is(blocked.code, 3, blocked.stderr);
      const error = JSON.parse(blocked.stderr).error;
      assert.is(error._tag, 'StoreUnavailable');
      assert.match(error.message, /locked by another process/);
      const list = ws.run(['list', '--org', 'acme', '--json']);
      assert.is(list.code, 0, list.stderr);
      assert.is(list.json<unknown[]>().length, 1);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.is(ws.run(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy']).code, 0);
  } finally {
    ws.cleanup();
  }
});

test.run();
