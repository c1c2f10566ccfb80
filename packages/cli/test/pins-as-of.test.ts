// `providers resolve --as-of … --explain` around account pins, through the real binary: a point
// before a pin shows none, a point while it stood shows it with its check, and after its removal
// the answer now shows none again while the past still shows it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const asOf = suite('providers resolve --as-of with account pins');
const ws = workspace();
const { ok } = ws;
const prod = ['--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod'];
const head = () => String(ok(['history', '--org', 'acme', '--json']).json<{ position: string }[]>().at(-1)?.position);
type Resolved = { pins: { key: string; accountIds: string[] }[]; allowedAccountIds: string[] | null; accountCheck: string };
const resolvedAt = (position?: string) => ok(['resolve', ...prod, ...(position ? ['--as-of', position] : []), '--json']).json<Resolved>();

asOf.after(() => ws.cleanup());

asOf('the pins and the check are those of the point asked for, in JSON and with --explain', () => {
  ok(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy']);
  ok(['link', ...prod, '--provider', 'prod']);
  const beforePin = head();
  ok(['pin', ...prod, '--account', '222222222222', '--reason', 'prod is prod']);
  const pinned = head();
  ok(['unpin', ...prod, '--reason', 'stage retired']);

  assert.equal([resolvedAt(beforePin).pins, resolvedAt(beforePin).accountCheck], [[], 'unpinned']);
  const then = resolvedAt(pinned);
  assert.equal([then.pins.map((p) => [p.key, p.accountIds]), then.allowedAccountIds, then.accountCheck], [[['app1/api/prod', ['222222222222']]], ['222222222222'], 'passed']);
  assert.equal([resolvedAt().pins, resolvedAt().accountCheck], [[], 'unpinned']);

  const explained = ok(['resolve', ...prod, '--as-of', pinned, '--explain']).stdout;
  assert.match(explained, /stage +app1\/api\/prod +222222222222 +prod is prod/);
  assert.match(explained, /account check: passed; allowed: 222222222222/);
  assert.not.match(ok(['resolve', ...prod, '--explain']).stdout, 'account check');
});

asOf.run();
