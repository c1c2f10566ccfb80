// The SDK checks `asOf` with the domain's one parser: the CLI's rules, the error naming asOf.position or asOf.time.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidAsOf, Providers } from '../src/index.js';

const admin = { id: 'alice', role: 'admin' as const };
const asOf = suite('Providers.resolve and readModels as of');
const request = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod' };
let providers: Providers;

asOf.before(async () => {
  providers = await Providers.open({ store: 'memory:' });
  const added = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'prod', type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::222222222222:role/deploy' } });
  assert.ok(E.isRight(added));
  const linked = await providers.link({ orgId: 'acme', commandId: 'link-1', actor: admin, provider: 'prod', app: 'app1', service: 'api' });
  assert.ok(E.isRight(linked));
});
asOf.after(() => providers.close());

const refusedWith = async (given: { position?: bigint; time?: string }): Promise<InvalidAsOf> => {
  const errors = await Promise.all([providers.resolve(request, given), providers.readModels('acme', given)].map((p) => p.then(() => undefined, (e: unknown) => e)));
  for (const error of errors) assert.instance(error, InvalidAsOf, JSON.stringify(given, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
  return errors[0] as InvalidAsOf;
};

asOf('a time that Date.parse would guess at is refused as InvalidAsOf naming asOf.time', async () => {
  for (const time of [' 5', '+5', '-1', '5', '2026-02-30T00:00:00Z', '2026-03-01T10:00:00', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-03-01']) {
    const error = await refusedWith({ time });
    assert.is(error.field, 'asOf.time', time);
    assert.match(error.message, /^asOf\.time: /, time);
  }
});

asOf('a negative position is refused as InvalidAsOf naming asOf.position', async () => {
  const error = await refusedWith({ position: -1n });
  assert.is(error.field, 'asOf.position');
  assert.match(error.rule, 'digits only');
});

asOf('one instant written in two zones answers the same', async () => {
  const later = Date.now() + 3_600_000;
  const inTokyo = `${new Date(later + 9 * 3_600_000).toISOString().slice(0, -1)}+09:00`;
  const inUtc = new Date(later).toISOString();
  const [tokyo, utc] = await Promise.all([providers.resolve(request, { time: inTokyo }), providers.resolve(request, { time: inUtc })]);
  assert.equal([tokyo.source, tokyo.provider?.name], ['service', 'prod']);
  assert.equal(tokyo, utc);
  assert.is((await providers.resolve(request, { time: '2001-01-01T09:00:00+09:00' })).source, 'none');
  assert.is((await providers.resolve(request, { position: 0n })).source, 'none');
});

asOf.run();
