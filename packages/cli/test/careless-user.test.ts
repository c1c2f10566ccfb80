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
const { run } = ws;
const ok = (args: string[]) => {
  const r = run(args);
  assert.is(r.code, 0, `providers ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r;
};
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

cli.run();
