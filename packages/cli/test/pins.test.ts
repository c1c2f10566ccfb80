// `providers pin` / `unpin` through the real binary: a stage pinned to its account refuses a link that
// would deploy it elsewhere, resolve --explain shows the pin and the check, members cannot pin.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const pins = suite('providers pin');
const { run, ok } = workspace();
const prod = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod'];

pins.before(() => {
  ok(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
  ok(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy']);
  ok(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'api']);
});

pins('a pin that the inherited service link breaks is refused, naming the scope, the provider and its account', () => {
  const refused = run(['pin', ...prod, '--account', '222222222222', '--reason', 'prod is prod']);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /stage app1\/api\/prod would deploy with provider "dev" .* account 111111111111/);
});

pins('after linking prod to its stage the pin holds, resolve --explain shows it, and a dev link there is refused', () => {
  ok(['link', ...prod, '--provider', 'prod']);
  ok(['pin', ...prod, '--account', '222222222222', '--reason', 'prod is prod']);
  const explained = ok(['resolve', ...prod, '--explain']).stdout;
  assert.match(explained, /stage +app1\/api\/prod +222222222222 +prod is prod/);
  assert.match(explained, /account check: passed; allowed: 222222222222/);
  const json = ok(['resolve', ...prod, '--json']).json<{ accountCheck: string; allowedAccountIds: string[] }>();
  assert.equal([json.accountCheck, json.allowedAccountIds], ['passed', ['222222222222']]);
  assert.is(run(['link', ...prod, '--provider', 'dev', '--replace']).code, 1);
});

pins('members cannot pin; an account id that is not 12 digits is refused naming it; unpin removes the pin', () => {
  assert.is(run(['--role', 'member', 'pin', '--org', 'acme', '--account', '222222222222', '--reason', 'x']).code, 1);
  const short = run(['pin', '--org', 'acme', '--account', '22222222222', '--reason', 'x']);
  assert.equal([short.code, /accountIds\.0/.test(short.stderr)], [1, true]);
  ok(['unpin', ...prod, '--reason', 'moved']);
  assert.is(ok(['resolve', ...prod, '--json']).json<{ accountCheck: string }>().accountCheck, 'unpinned');
});

pins.run();
