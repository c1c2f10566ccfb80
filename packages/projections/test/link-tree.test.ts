// The link tree behind the resolution index: small nodes stay flat, large ones become maps, empty ones go.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LinkTree, type LinkEntry } from '../src/link-tree.js';

const tree = suite('LinkTree');
const entry = (n: number): LinkEntry => ({ providerId: `p${n}`, actor: 'alice', at: '2026-01-01T00:00:00.000Z', position: n });
const regions = Array.from({ length: 20 }, (_, i) => `us-east-${(i % 9) + 1}-${i}`);

tree('service, stage and instance links are separate places', () => {
  const t = new LinkTree();
  t.set({ app: 'a', service: 's' }, entry(1));
  t.set({ app: 'a', service: 's', stage: 'prod' }, entry(2));
  t.set({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, entry(3));
  assert.is(t.get({ app: 'a', service: 's' })?.position, 1);
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod' })?.position, 2);
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' })?.position, 3);
  assert.is(t.get({ app: 'a', service: 's', stage: 'dev' }), undefined);
  assert.is(t.get({ app: 'a', service: 'other' }), undefined);
});

tree('many regions of one stage: every one is found, replaced and deleted, past the flat size too', () => {
  const t = new LinkTree();
  regions.forEach((region, i) => t.set({ app: 'a', service: 's', stage: 'prod', region }, entry(i)));
  regions.forEach((region, i) => assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region })?.position, i));
  t.set({ app: 'a', service: 's', stage: 'prod', region: regions[3]! }, entry(99));
  assert.is(t.get({ app: 'a', service: 's', stage: 'prod', region: regions[3]! })?.position, 99);
  assert.is([...t.entries()].length, 20);
  for (const region of regions.slice(0, 19)) t.delete({ app: 'a', service: 's', stage: 'prod', region });
  assert.equal([...t.entries()].map(([place]) => place.region), [regions[19]]);
});

tree('deleting the last link of a service leaves nothing behind', () => {
  const t = new LinkTree();
  t.set({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' }, entry(1));
  t.set({ app: 'a', service: 's', stage: 'dev' }, entry(2));
  t.delete({ app: 'a', service: 's', stage: 'prod', region: 'eu-west-1' });
  assert.ok(t.service('a', 's'), 'the dev stage keeps the service');
  t.delete({ app: 'a', service: 's', stage: 'dev' });
  assert.is(t.service('a', 's'), undefined);
  assert.equal([...t.entries()], []);
  t.delete({ app: 'a', service: 's', stage: 'dev' });
});

tree.run();
