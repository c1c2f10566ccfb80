// Point in time: the read models as they were at a position or a time.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildAsOf, project } from '../src/index.js';
import { admin, setup } from './support.js';

const asOf = suite('point in time');

/** acme and beta interleaved: acme links dev then replaces it with prod; beta adds its own provider. */
const history = async () => {
  const s = setup();
  await s.addRole('p-dev', 'dev', '111111111111'); // 1
  await s.addRole('p-prod', 'prod', '222222222222'); // 2
  const first = await s.link('p-dev', 'app1', 'api'); // 3
  await s.addRole('p-b', 'b', '333333333333', 'beta'); // 4
  await s.link('p-prod', 'app1', 'api', { replace: true }); // 5
  await s.run(admin, { type: 'RenameProvider', providerId: 'p-prod', name: 'production' }); // 6
  return { ...s, first };
};

const api = { orgId: 'acme', app: 'app1', service: 'api', stage: 'prod' };

asOf('as of a position: every event at or before it, in all three read models', async () => {
  const { store, first } = await history();
  const then = await buildAsOf(store, { position: first.position! });
  assert.is(then.position, 3n);
  assert.is(then.index.resolve(api).provider?.id, 'p-dev');
  assert.equal(then.catalog.usages('acme', 'p-dev').services.map((s) => s.service), ['api']);
  assert.is(then.audit.query().length, 3);
  const now = await buildAsOf(store, {});
  assert.is(now.index.resolve(api).provider?.name, 'production');
});

asOf('as of a time: every event that occurred at or before it; the chain shows the event that set each scope', async () => {
  const { store, timeOf, first } = await history();
  const then = await buildAsOf(store, { time: timeOf(4) });
  const resolution = then.index.resolve(api);
  assert.is(resolution.provider?.id, 'p-dev');
  assert.equal(resolution.chain.find((l) => l.scope === 'service')?.setBy, { actor: 'bob', at: timeOf(3), position: String(first.position) });
  assert.equal(then.audit.query({ until: timeOf(4) }), (await buildAsOf(store, {})).audit.query({ until: timeOf(4) }));
});

asOf('as of one org: only that org’s stream is read', async () => {
  const { store } = await history();
  const beta = await buildAsOf(store, { orgId: 'beta', position: 5n });
  assert.equal(beta.audit.query().map((f) => f.orgId), ['beta']);
  assert.is(beta.folded, 1);
  assert.equal(beta.catalog.list('acme'), []);
});

asOf('an invalid time is refused rather than read as "everything"', async () => {
  const { store } = await history();
  await buildAsOf(store, { time: 'yesterday' }).then(
    () => assert.unreachable('refused'),
    (e: Error) => assert.is(e.name, 'InvalidPointInTime'),
  );
  await project(store, [], { until: 'soon' }).then(
    () => assert.unreachable('refused'),
    (e: Error) => assert.is(e.name, 'InvalidPointInTime'),
  );
});

asOf.run();
