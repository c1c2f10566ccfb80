// A store URL's password never reaches the terminal: not in --verbose's note, not in `status`,
// not in the refusal of a mistyped URL, not in the failure of a server that does not answer.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from '@providers/store/testing';
import { workspace, type CliRun } from '../support.js';

const test = suite('store URL passwords');
const { run } = workspace();
const password = `pw-${randomBytes(12).toString('hex')}`;
const printed = (r: CliRun) => `${r.stdout}\n${r.stderr}`;

test('a server that does not answer: the note and the failure name the store without its password (exit 3)', async () => {
  const port = await freePort();
  for (const store of [`postgres://app:${password}@127.0.0.1:${port}/providers`, `esdb://admin:${password}@127.0.0.1:${port}?tls=false`]) {
    const r = run(['--verbose', '--store', store, 'history', '--org', 'acme']);
    assert.is(r.code, 3, printed(r));
    assert.not.match(printed(r), password, store);
    assert.match(r.stderr, /store: (postgres:\/\/app|esdb:\/\/admin):\*\*\*@127\.0\.0\.1/);
  }
});

test('a mistyped store URL is a usage error (exit 2) that shows it without its password, in text and in JSON', () => {
  for (const args of [['--store', `postgress://app:${password}@db/providers`, 'status'], ['--json', '--store', `pg://app:${password}@db`, 'status']]) {
    const r = run(args);
    assert.is(r.code, 2, printed(r));
    assert.not.match(printed(r), password, args.join(' '));
    assert.match(printed(r), 'app:***@db');
  }
});

test.run();
