// The tokens file: entries are checked field by field (errors never echo a token), and a token
// finds its principal whichever entry it is.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidTokensFile, Tokens } from '../src/index.js';

const entry = (token: string, actor: string, orgs = ['acme']) => ({ token, actor, role: 'member' as const, orgs });

test('a token finds its own principal, an unknown or absent one none', () => {
  const tokens = new Tokens([entry('first-token-0000000001', 'ann'), entry('second-token-000000002', 'bob', ['acme', 'globex'])]);
  assert.equal(tokens.principalOf('second-token-000000002'), { actor: { id: 'bob', role: 'member' }, orgs: ['acme', 'globex'] });
  assert.is(tokens.principalOf('first-token-0000000001')?.actor.id, 'ann');
  assert.is(tokens.principalOf('first-token-000000000'), undefined);
  assert.is(tokens.principalOf(undefined), undefined);
});

test('a bad entry names its index and field and never echoes the token', () => {
  const cases: Array<[unknown, string]> = [
    [[entry('short', 'ann')], '[0].token'],
    [[entry('first-token-0000000001', 'ann'), { ...entry('second-token-000000002', 'bob'), role: 'root' }], '[1].role'],
    [[entry('first-token-0000000001', 'ann'), entry('first-token-0000000001', 'bob')], '[1].token'],
    [[{ ...entry('first-token-0000000001', 'ann'), orgs: 'acme' }], '[0].orgs'],
  ];
  for (const [file, field] of cases) {
    try {
      new Tokens(file as never);
      assert.unreachable(`accepted ${field}`);
    } catch (error) {
      assert.instance(error, InvalidTokensFile);
      assert.is((error as InvalidTokensFile).field, field);
      assert.not.match((error as Error).message, 'first-token');
    }
  }
});

test('the file: unreadable, not JSON, or fine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-tokens-'));
  assert.throws(() => Tokens.fromFile(join(dir, 'missing.json')), (e: InvalidTokensFile) => e.field === 'path');
  writeFileSync(join(dir, 'bad.json'), '[{"token":');
  assert.throws(() => Tokens.fromFile(join(dir, 'bad.json')), (e: InvalidTokensFile) => e.field === '(file)');
  writeFileSync(join(dir, 'good.json'), JSON.stringify([entry('first-token-0000000001', 'ann')]));
  assert.is(Tokens.fromFile(join(dir, 'good.json')).principalOf('first-token-0000000001')?.actor.id, 'ann');
});

test.run();
