// `providers link --local`: a stage that deploys with the deployer's own credentials on purpose,
// through the real binary on the embedded store.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const cli = suite('providers link --local');
const { run, ok } = workspace();
const qa = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'qa'];

cli('a member links qa to local credentials; resolve says so, and unlink brings the service link back', () => {
  ok(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
  ok(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'api']);
  const linked = ok(['--role', 'member', '--actor', 'mo', 'link', ...qa, '--local']);
  assert.match(linked.stdout, /app1\/api\/qa deploys with local aws credentials on purpose/);
  const resolved = ok(['resolve', ...qa, '--json']).json<{ source: string; provider: null; local?: boolean; chain: { scope: string; local?: boolean }[] }>();
  assert.equal([resolved.source, resolved.provider, resolved.local], ['stage', null, true]);
  assert.is(resolved.chain.find((l) => l.scope === 'stage')?.local, true);
  const explained = ok(['resolve', ...qa, '--explain']);
  assert.match(explained.stdout, /local credentials, on purpose: the stage is linked to the deployer’s own credentials/);
  assert.match(explained.stdout, /→ stage .*\(local credentials\) .*mo/);
  assert.match(ok(['resolve', ...qa.slice(0, 6), '--stage', 'prod']).stdout, /^dev .* from service/);

  const again = run(['link', ...qa, '--provider', 'dev']);
  assert.is(again.code, 1, 'a provider link over a local one needs --replace');
  assert.match(ok(['unlink', ...qa]).stdout, /app1\/api\/qa no longer deploys with local aws credentials/);
  assert.is(ok(['resolve', ...qa, '--json']).json<{ source: string }>().source, 'service');
});

cli('--provider and --local together, or neither, or --type without --local, are usage errors', () => {
  assert.is(run(['link', ...qa]).code, 2);
  assert.is(run(['link', ...qa, '--local', '--provider', 'dev']).code, 2);
  const typed = run(['link', ...qa, '--provider', 'dev', '--type', 'stripe']);
  assert.equal([typed.code, /--type goes with --local/.test(typed.stderr)], [2, true]);
});

cli('the refusal to vend at a local link says why and what to do', () => {
  ok(['link', ...qa, '--local']);
  const refused = run(['credentials', ...qa]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /deploys with the deployer's own aws credentials on purpose .*allow the fallback/);
});

cli.run();
