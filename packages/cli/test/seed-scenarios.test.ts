// The seed's scenarios and the foundation's bad-input cases, through the real `providers` binary on the embedded store.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { workspace } from './support.js';

const DEV = 'arn:aws:iam::111111111111:role/deploy';
const PROD = 'arn:aws:iam::222222222222:role/deploy';

interface ResolveJson {
  source: string;
  provider: { id: string; name: string; type: string; accountId: string | null } | null;
  chain: Array<{ scope: string; key: string; providerId: string | null; setBy: { actor: string; at: string; position: string } | null }>;
}

const cli = suite('providers CLI on the embedded store');
const ws = workspace({ PROVIDERS_MASTER_KEY: generateMasterKey() });
const { run, ok } = ws;
const historyLength = (org = 'acme') => ok(['history', '--org', org, '--json']).json<unknown[]>().length;

cli('a service linked to dev and the prod instance to prod: a new stage int inherits dev from the service', () => {
  ok(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', DEV]);
  ok(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', PROD]);
  ok(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'service1']);
  ok(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--region', 'us-east-1']);
  const int = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'int', '--region', 'us-east-1', '--json']).json<ResolveJson>();
  assert.is(int.source, 'service');
  assert.equal([int.provider?.name, int.provider?.type, int.provider?.accountId], ['dev', 'aws', '111111111111']);
  assert.equal(int.chain.map((l) => l.scope), ['instance', 'stage', 'service', 'org-default']);
  assert.is(int.chain[2]?.setBy?.actor, 'alice');
  const prod = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--region', 'us-east-1', '--json']).json<ResolveJson>();
  assert.equal([prod.source, prod.provider?.accountId], ['instance', '222222222222']);
});

cli('show: where is prod used, and who linked it', () => {
  const shown = ok(['show', '--org', 'acme', '--provider', 'PROD', '--json']).json<{
    name: string;
    accountId: string;
    usages: { services: unknown[]; instances: Array<{ app: string; service: string; stage: string; region?: string; linked: { actor: { id: string } } }> };
  }>();
  assert.equal([shown.name, shown.accountId], ['prod', '222222222222']);
  assert.equal(shown.usages.services, []);
  assert.equal(
    shown.usages.instances.map((i) => [i.app, i.service, i.stage, i.region, i.linked.actor.id]),
    [['app1', 'service1', 'prod', 'us-east-1', 'alice']],
  );
  assert.match(ok(['show', '--org', 'acme', '--provider', 'prod']).stdout, /instance app1\/service1\/prod\/us-east-1, linked by alice/);
});

cli('the org default is used where the service has no link', () => {
  ok(['default', 'set', '--org', 'acme', '--provider', 'prod']);
  const other = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'billing', '--stage', 'dev', '--json']).json<ResolveJson>();
  assert.equal([other.source, other.provider?.name], ['org-default', 'prod']);
});

cli('an unknown stage with no links anywhere resolves to none', () => {
  const none = ok(['resolve', '--org', 'empty-org', '--app', 'app1', '--service', 'api', '--stage', 'qa', '--json']).json<ResolveJson>();
  assert.equal([none.source, none.provider], ['none', null]);
  assert.ok(none.chain.every((l) => l.providerId === null));
});

cli('linking a second AWS provider to a service without --replace: exit 1, nothing appended', () => {
  const before = historyLength();
  const r = run(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1', '--json']);
  assert.is(r.code, 1);
  assert.is(JSON.parse(r.stderr).error._tag, 'ScopeAlreadyLinked');
  assert.is(historyLength(), before);
  ok(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1', '--replace']);
  assert.is(historyLength(), before + 1);
});

cli('a new org default over the one set: refused without --replace naming it by name, nothing appended; with it, replaced and said by name', () => {
  const before = historyLength();
  const refused = run(['default', 'set', '--org', 'acme', '--provider', 'dev', '--json']);
  assert.is(refused.code, 1);
  const error = JSON.parse(refused.stderr).error;
  assert.equal([error._tag, error.field], ['DefaultAlreadySet', 'replace']);
  assert.match(run(['default', 'set', '--org', 'acme', '--provider', 'dev']).stderr, /default aws provider is "prod".*--replace.*"dev"/);
  assert.is(historyLength(), before);
  const replaced = ok(['default', 'set', '--org', 'acme', '--provider', 'dev', '--replace']);
  assert.match(replaced.stdout, /"dev" is the default aws provider \(replacing "prod" \(/);
  assert.is(historyLength(), before + 1);
  const other = ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'billing', '--stage', 'dev', '--json']).json<ResolveJson>();
  assert.equal([other.source, other.provider?.name], ['org-default', 'dev']);
  assert.match(ok(['default', 'set', '--org', 'acme', '--provider', 'dev']).stdout, /no change/);
});

const badInput: Array<[string, string[], string, string]> = [
  ['a malformed ARN', ['add', '--org', 'acme', '--name', 'x', '--type', 'aws', '--role-arn', 'arn:aws:iam::1:role/x'], 'InvalidInput', 'credentials.roleArn'],
  ['an 11-digit account id', ['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '12345678901', '--secret-access-key-stdin'], 'InvalidInput', 'accountId'],
  ['an unknown provider', ['link', '--org', 'acme', '--provider', 'ghost', '--app', 'app1', '--service', 'api'], 'ProviderNotFound', 'providerId'],
  ['a member adding a provider', ['--role', 'member', 'add', '--org', 'acme', '--name', 'y', '--type', 'aws', '--role-arn', DEV], 'PermissionDenied', 'actor.role'],
  ['a name taken in another case', ['add', '--org', 'acme', '--name', 'DEV', '--type', 'aws', '--role-arn', DEV], 'ProviderNameTaken', 'name'],
  ['a region like moon-1', ['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'api', '--stage', 'dev', '--region', 'moon-1'], 'InvalidInput', 'region'],
];

for (const [what, args, tag, field] of badInput)
  cli(`${what}: a typed error naming the field, exit 1, no event`, () => {
    const before = historyLength();
    const r = run([...args, '--json'], { input: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD\n' });
    assert.is(r.code, 1, r.stderr);
    const error = JSON.parse(r.stderr).error;
    assert.equal([error._tag, error.field], [tag, field]);
    assert.is(historyLength(), before);
    const human = run(args, { input: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD\n' });
    assert.match(human.stderr, /^error: /);
    assert.ok(human.stderr.includes(field), human.stderr);
  });

cli('static keys: the secret is read from stdin and never printed or stored in plain text', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  ok(['add', '--org', 'acme', '--name', 'ci-keys', '--type', 'aws', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--account-id', '333333333333', '--secret-access-key-stdin'], `${secret}\n`);
  const history = ok(['history', '--org', 'acme', '--json']).stdout;
  const shown = ok(['show', '--org', 'acme', '--provider', 'ci-keys', '--json']).stdout;
  for (const text of [history, shown]) {
    assert.not.ok(text.includes(secret));
    assert.not.ok(text.includes(Buffer.from(secret).toString('base64')));
  }
  assert.ok(history.includes('"alg": "A256GCM"'));
});

cli('usage errors exit 2; a store that cannot be opened for a write exits 3', () => {
  assert.is(run(['no-such-command']).code, 2);
  assert.is(run(['link', '--org', 'acme']).code, 2);
  assert.is(run(['--store', 'ftp://x', 'list', '--org', 'acme']).code, 2);
  // (A read of a store that is not there answers empty: see read-only-store.test.ts.)
  const broken = run(['--store', 'sqlite:/proc/no-such-dir/events.db', 'add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', DEV]);
  assert.is(broken.code, 3, broken.stderr);
  assert.match(broken.stderr, /^error: /);
});

cli.after(() => ws.cleanup());
cli.run();
