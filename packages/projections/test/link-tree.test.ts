// The link tree behind the resolution index: small nodes stay flat, large ones become maps, empty ones go.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LinkTree, type LinkPlace } from '../src/link-tree.js';

const tree = suite('LinkTree');
const link = (t: LinkTree, place: LinkPlace, n: number) => t.set(place, `p${n}`, 'alice', '2026-01-01T00:00:00.000Z', n);
const regions = Array.from({ length: 20 }, (_, i) => `us-east-${(i % 9) + 1}-${i}`);

tree('service, stage and instance links are separate places', () => {
  const t = new LinkTree();
  link(t, { app: 'a', service: 's' }, 1);
  link(t, { app: 'a', service: 's', stage: 'prod' }, 2);
  link(t, { app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, 3);
  assert.equal(t.get({ app: 'a', service: 's' }), { providerId: 'p1', actor: 'alice', at: '2026-01-01T00:00:00.000Z', position: 1 });
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod' })?.position, 2);
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' })?.position, 3);
  assert.is(t.get({ app: 'a', service: 's', stage: 'dev' }), undefined);
  assert.is(t.get({ app: 'a', service: 'other' }), undefined);
});

tree('many regions of one stage: every one is found, replaced and unlinked, past the flat size too', () => {
  const t = new LinkTree();
  regions.forEach((region, i) => link(t, { app: 'a', service: 's', stage: 'prod', region }, i));
  regions.forEach((region, i) => assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region })?.position, i));
  link(t, { app: 'a', service: 's', stage: 'prod', region: regions[3]! }, 99);
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region: regions[3]! })?.providerId, 'p99');
  assert.is([...t.entries()].length, 20);
  regions.slice(0, 19).forEach((region, i) => t.unlink({ app: 'a', service: 's', stage: 'prod', region }, i === 3 ? 'p99' : `p${i}`));
  assert.equal([...t.entries()].map(([place]) => place.region), [regions[19]]);
});

tree('unlinking a provider that is no longer linked there changes nothing', () => {
  const t = new LinkTree();
  link(t, { app: 'a', service: 's' }, 1);
  link(t, { app: 'a', service: 's', stage: 'prod' }, 2);
  link(t, { app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, 3);
  t.unlink({ app: 'a', service: 's' }, 'p9');
  t.unlink({ app: 'a', service: 's', stage: 'prod' }, 'p9');
  t.unlink({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, 'p9');
  assert.is([...t.entries()].length, 3);
});

tree('unlinking the last link of a service leaves nothing behind', () => {
  const t = new LinkTree();
  link(t, { app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, 1);
  link(t, { app: 'a', service: 's', stage: 'dev' }, 2);
  t.unlink({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, 'p1');
  assert.ok(t.service('a/s'), 'the dev stage keeps the service');
  t.unlink({ app: 'a', service: 's', stage: 'dev' }, 'p2');
  assert.is(t.service('a/s'), undefined);
  assert.equal([...t.entries()], []);
  t.unlink({ app: 'a', service: 's', stage: 'dev' }, 'p2');
});

tree.run();
