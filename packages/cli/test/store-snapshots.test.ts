// Snapshots and checkpoints belong to one store: `rebuild` writes them into that store's own file,
// and a damaged snapshot costs a warning on stderr, never a wrong answer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const cli = suite('store snapshots through the CLI');
const ws = workspace();
const store = (name: string) => ['--store', `sqlite:${join(ws.dir, name)}`];
const rows = (name: string, sql: string) => {
  const db = new Database(join(ws.dir, name), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};
const role = (account: string) => ['--type', 'aws', '--role-arn', `arn:aws:iam::${account}:role/deploy`];

cli('two store files in one folder keep their own snapshots and checkpoints: rebuilding one leaves the other alone', () => {
  assert.is(ws.run([...store('a.db'), 'add', '--org', 'acme', '--name', 'dev', ...role('111111111111')]).code, 0);
  assert.is(ws.run([...store('b.db'), 'add', '--org', 'acme', '--name', 'prod', ...role('222222222222')]).code, 0);
  assert.is(ws.run([...store('a.db'), 'rebuild']).code, 0);
  const before = rows('a.db', 'SELECT name, position, data FROM snapshots ORDER BY name');
  assert.equal(before.map((r) => r.name).sort(), ['providers', 'providers-org-acme']);
  const rebuilt = ws.run([...store('b.db'), 'rebuild', '--json']);
  assert.is(rebuilt.code, 0, rebuilt.stderr);
  assert.is(Number(rebuilt.json<{ orgs: number }>().orgs), 1);
  assert.equal(rows('a.db', 'SELECT name, position, data FROM snapshots ORDER BY name'), before);
  const b = rows('b.db', "SELECT data FROM snapshots WHERE name = 'providers-org-acme'");
  assert.is(b.length, 1);
  assert.ok(String(b[0]!.data).includes('222222222222') && !String(b[0]!.data).includes('111111111111'));
  assert.is(rows('b.db', 'SELECT position FROM checkpoints').length, 1);
  assert.not.ok(existsSync(join(ws.dir, 'projections')), 'nothing is written beside the store files');
});

cli('a damaged org snapshot: the next command warns on stderr (without its content) and decides on the replayed state', () => {
  const db = new Database(join(ws.dir, 'b.db'));
  db.prepare("UPDATE snapshots SET data = replace(data, '222222222222', '333333333333') WHERE name = 'providers-org-acme'").run();
  db.close();
  const added = ws.run([...store('b.db'), 'add', '--org', 'acme', '--name', 'PROD', ...role('444444444444')]);
  assert.is(added.code, 1, 'the replayed state knows prod: the name is taken');
  assert.match(added.stderr, /warning: the snapshot of providers-org-acme at position \d+ cannot be read \(the checksum does not match the content\): replaying the stream/);
  assert.not.match(added.stderr, /333333333333|arn:aws/);
});

cli.after(() => ws.cleanup());
cli.run();
