// What a careless or hostile new user tries off the README's path, through the real `providers` binary.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { workspace } from './support.js';

const PROD = 'arn:aws:iam::222222222222:role/deploy';
const ATTACKER = 'arn:aws:iam::666666666666:role/deploy';

interface ErrorJson {
  error: { _tag: string; message: string; field?: string };
}

const cli = suite('providers CLI off the README’s path');
const ws = workspace({ PROVIDERS_MASTER_KEY: generateMasterKey() });
const { run, ok } = ws;
const errorOf = (r: { stderr: string }) => (JSON.parse(r.stderr) as ErrorJson).error;

cli.before(() => {
  ok(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', PROD]);
});
cli.after(() => ws.cleanup());

cli('an id that is another provider’s name is refused, so --provider prod still means prod', () => {
  const r = run(['add', '--org', 'acme', '--name', 'attacker', '--id', 'prod', '--type', 'aws', '--role-arn', ATTACKER, '--json']);
  assert.is(r.code, 1, r.stderr);
  assert.equal([errorOf(r)._tag, errorOf(r).field], ['ProviderAlreadyExists', 'providerId']);
  ok(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'api']);
  const resolved = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--json']).json<{ provider: { name: string } }>();
  assert.is(resolved.provider.name, 'prod');
});

cli('master-key rotate and shred are refused to a member (exit 1); an admin may run them', () => {
  for (const args of [['master-key', 'rotate'], ['shred', '--org', 'acme']]) {
    const r = run(['--role', 'member', ...args, '--json']);
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal([errorOf(r)._tag, errorOf(r).field], ['PermissionDenied', 'actor.role']);
    ok(args);
  }
});

cli('the first static keys without a master key: a set-up step to do (exit 2), not "sealed secrets exist"', () => {
  const r = run(
    ['add', '--org', 'fresh', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '222222222222', '--secret-access-key-env', 'SECRET'],
    { env: { PROVIDERS_MASTER_KEY: '', SECRET: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } },
  );
  assert.is(r.code, 2, r.stderr);
  assert.ok(!r.stderr.includes('sealed secrets exist'), r.stderr);
  assert.match(r.stderr, /master-key generate/);
  assert.ok(!r.stderr.includes('wJalrXUtnFEMI'), 'the secret is never shown');
});

cli('audit --by filters by actor; the global --actor keeps saying who runs the command', () => {
  const mine = ok(['audit', '--org', 'acme', '--by', 'alice', '--json']).json<unknown[]>();
  assert.ok(mine.length >= 2);
  assert.equal(ok(['audit', '--org', 'acme', '--by', 'nobody', '--json']).json<unknown[]>(), []);
  assert.equal(ok(['--actor', 'bob', 'audit', '--org', 'acme', '--by', 'bob', '--json']).json<unknown[]>(), []);
});

cli('--json goes before or after the command, and covers usage errors', () => {
  assert.is(ok(['--json', 'list', '--org', 'acme']).json<Array<{ name: string }>>()[0]?.name, 'prod');
  const r = run(['list', '--json']);
  assert.is(r.code, 2);
  assert.is(errorOf(r)._tag, 'UsageError');
  assert.match(errorOf(r).message, /--org/);
});

cli('reads validate like writes: resolve and credentials refuse a bad field by name (exit 1) before asking STS', () => {
  const deployment = { '--app': 'app1', '--service': 'api', '--stage': 'dev' };
  const cases: Array<[Record<string, string>, string]> = [
    [{ '--stage': '' }, 'stage'],
    [{ '--region': 'moon-1' }, 'region'],
    [{ '--app': 'bad app' }, 'app'],
    [{ '--type': 'NOT A TYPE' }, 'type'],
  ];
  const sts = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAVENDINGIDENTITY1', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40), AWS_REGION: 'us-east-1' };
  for (const [change, field] of cases) {
    const target = Object.entries({ ...deployment, ...change }).flat();
    for (const command of ['resolve', 'credentials']) {
      const r = run([command, '--org', 'acme', ...target, '--json'], { env: sts });
      assert.is(r.code, 1, `${command} ${JSON.stringify(change)}: ${r.stdout}${r.stderr}`);
      assert.is(errorOf(r).field, field);
      assert.is(r.stdout, '');
    }
  }
});

cli('credentials --format process is for AWS only: with another type a usage error, and no secret printed', () => {
  ok(['add', '--org', 'acme', '--name', 'pay', '--type', 'stripe', '--secret-field', 'apiKey'], 'sk_test_secretvalue123\n');
  ok(['link', '--org', 'acme', '--provider', 'pay', '--app', 'app1', '--service', 'api']);
  const r = run(['credentials', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--type', 'stripe', '--format', 'process']);
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /--format process/);
  assert.ok(!r.stderr.includes('sk_test_secretvalue123'));
});

cli('audit filters are checked: a 12-digit account, app/service exactly, since not after until; a date-only until includes its day', () => {
  for (const [flags, field] of [
    [['--account', '12345'], 'account'],
    [['--service', 'a/b/c'], 'service'],
    [['--since', '2026-03-02', '--until', '2026-03-01'], 'since'],
  ] as const) {
    const r = run(['audit', '--org', 'acme', ...flags, '--json']);
    assert.is(r.code, 1, `${flags.join(' ')}: ${r.stderr}`);
    assert.is(errorOf(r).field, field);
  }
  const today = new Date().toISOString().slice(0, 10);
  const facts = ok(['audit', '--org', 'acme', '--since', today, '--until', today, '--json']).json<unknown[]>();
  assert.ok(facts.length >= 2, `today's facts are within --until ${today}`);
});

cli('an org with no history and the store opened are said on stderr; the answer stays the same', () => {
  const store = `sqlite:${ws.dir}/.providers/events.db`;
  const list = ok(['list', '--org', 'acmee']);
  assert.is(list.stdout, '(none)\n');
  assert.ok(list.stderr.includes('no history') && list.stderr.includes(store), list.stderr);
  const resolved = ok(['resolve', '--org', 'acmee', '--app', 'app1', '--service', 'api', '--stage', 'dev']);
  assert.match(resolved.stdout, /^none/);
  assert.ok(resolved.stderr.includes('no history'), resolved.stderr);
  assert.ok(!ok(['list', '--org', 'acme']).stderr.includes('no history'));
  assert.ok(ok(['--verbose', 'list', '--org', 'acme']).stderr.includes(`store: ${store}`));
});

cli('messages for people: an error names its field once, show prints no trailing spaces', () => {
  const r = run(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', '']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /stage/);
  assert.ok(!r.stderr.includes('(field: stage)'), r.stderr);
  for (const line of ok(['show', '--org', 'acme', '--provider', 'prod']).stdout.split('\n')) assert.ok(!/\s$/.test(line), JSON.stringify(line));
});

cli.run();
