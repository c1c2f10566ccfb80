// `resolve --as-of` takes a position (digits only) or an ISO-8601 date-time with a zone; anything else is a usage error.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const cli = suite('providers resolve --as-of');
const ws = workspace();
cli.after(() => ws.cleanup());
const resolveAsOf = (asOf: string, tz = 'UTC') =>
  ws.run(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'api', '--stage', 'prod', '--as-of', asOf, '--json'], { env: { TZ: tz } });

cli.before(() => {
  assert.is(ws.run(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy']).code, 0);
  assert.is(ws.run(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'api']).code, 0);
});

cli('what Date.parse read leniently is a usage error naming --as-of, exit 2', () => {
  const lenient = [' 5', '+5', '-1', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 'yesterday'].map((asOf): [string, string] => [asOf, 'UTC']);
  // A zone-less time would mean the local time of whichever machine reads it: refused under every TZ.
  const zoneless: [string, string][] = [['2026-03-01T10:00:00', 'UTC'], ['2026-03-01T10:00:00', 'Asia/Tokyo']];
  for (const [asOf, tz] of [...lenient, ...zoneless]) {
    const r = resolveAsOf(asOf, tz);
    assert.is(r.code, 2, `${JSON.stringify(asOf)} under TZ=${tz}: ${r.stderr}`);
    const { error } = JSON.parse(r.stderr) as { error: { _tag: string; message: string; field: string } };
    assert.equal([error._tag, error.field], ['UsageError', 'as-of']);
    assert.match(error.message, /^--as-of: /);
  }
});

cli('one instant answers the same in any zone it is written in, whatever TZ the machine has', () => {
  const later = Date.now() + 3_600_000;
  const forms = [new Date(later).toISOString(), `${new Date(later + 9 * 3_600_000).toISOString().slice(0, -1)}+09:00`];
  const answers = forms.flatMap((asOf) => ['UTC', 'Asia/Tokyo'].map((tz) => resolveAsOf(asOf, tz)));
  for (const r of answers) assert.is(r.code, 0, r.stderr);
  for (const r of answers) assert.equal(r.json<{ source: string }>().source, 'service');
  assert.is(resolveAsOf('2001-01-01T00:00:00Z').json<{ source: string }>().source, 'none');
  const history = ws.run(['history', '--org', 'acme', '--json']).json<{ type: string; position: string }[]>();
  const linkedAt = BigInt(history.find((e) => e.type === 'ProviderLinkedToService')!.position);
  assert.is(resolveAsOf(String(linkedAt - 1n)).json<{ source: string }>().source, 'none');
  assert.is(resolveAsOf(`00${linkedAt}`).json<{ source: string }>().source, 'service');
});

cli.run();
