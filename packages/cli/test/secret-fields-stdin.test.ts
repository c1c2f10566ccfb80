// Several `--secret-field`s read one line of stdin each: no value is dropped, shifted or left empty.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { workspace } from './support.js';

const fields = suite('add --secret-field ×2 with values from stdin');
const ws = workspace({ PROVIDERS_MASTER_KEY: generateMasterKey() });
const eventCount = (org: string) => ws.run(['history', '--org', org, '--json']).json<unknown[]>().length;
const add = (org: string, input: string) =>
  ws.run(['add', '--org', org, '--name', 'stripe', '--type', 'stripe', '--secret-field', 'secretKey', '--secret-field', 'webhookSecret'], { input });

const refusals: [string, string][] = [
  ['three lines for two fields', 'sk_one\nwhsec_two\nthird\n'],
  ['one line for two fields', 'sk_one\n'],
  ['an empty first line', '\nwhsec_two\n'],
  ['an empty second line', 'sk_one\n\n'],
  ['a second trailing newline', 'sk_one\nwhsec_two\n\n'],
  ['nothing at all', ''],
];
refusals.forEach(([what, input], index) => {
  fields(`${what} is a usage error naming --secret-field, and nothing is appended`, () => {
    const org = `refused-${index}`;
    const r = add(org, input);
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, '--secret-field');
    assert.match(r.stderr, 'exactly 2 non-empty lines');
    assert.not.match(r.stderr, /sk_one|whsec_two|third/);
    assert.is(eventCount(org), 0);
  });
});

const accepted: [string, string][] = [
  ['two lines and a trailing newline', 'sk_one\nwhsec_two\n'],
  ['two lines without a trailing newline', 'sk_one\nwhsec_two'],
  ['two CRLF lines', 'sk_one\r\nwhsec_two\r\n'],
];
accepted.forEach(([what, input], index) => {
  fields(`${what}: each field gets its own line`, () => {
    const org = `accepted-${index}`;
    assert.is(add(org, input).code, 0);
    assert.is(ws.run(['link', '--org', org, '--provider', 'stripe', '--app', 'app', '--service', 'api']).code, 0);
    const vended = ws.run(['credentials', '--org', org, '--app', 'app', '--service', 'api', '--stage', 'dev', '--type', 'stripe', '--json']);
    assert.is(vended.code, 0, vended.stderr);
    assert.equal(vended.json<{ fields: unknown }>().fields, { secretKey: 'sk_one', webhookSecret: 'whsec_two' });
  });
});

fields.after(() => ws.cleanup());
fields.run();
