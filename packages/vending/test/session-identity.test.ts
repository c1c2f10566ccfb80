// Role session names, source identities and session tags follow the STS rules.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { roleSessionName, sourceIdentityOf } from '../src/session-name.js';
import { sanitizeTagValue, sessionTags } from '../src/session-tags.js';

const sessionCharset = /^[\w+=,.@-]+$/;

test('session names: deterministic, 2–64 characters of [\\w+=,.@-], readable prefix', () => {
  const instance = { orgId: 'org-1', app: 'shop', service: 'api', stage: 'prod', region: 'eu-west-1' };
  const name = roleSessionName(instance);
  assert.is(name, roleSessionName({ ...instance }));
  assert.match(name, /^shop\.api\.prod\.eu-west-1-[0-9a-f]{16}$/);
  const awkward = roleSessionName({ orgId: 'o', app: 'my app', service: 'ß/ervice', stage: 'x'.repeat(200) });
  assert.ok(awkward.length <= 64 && awkward.length >= 2, awkward);
  assert.match(awkward, sessionCharset);
  assert.ok(awkward.startsWith('my-app.--ervice.xxx'));
});

test('session names are distinct for distinct instances, even when the readable part is the same', () => {
  const base = { orgId: 'org-1', app: 'shop', service: 'api', stage: 'prod' };
  const names = [
    roleSessionName(base),
    roleSessionName({ ...base, region: 'eu-west-1' }),
    roleSessionName({ ...base, orgId: 'org-2' }),
    roleSessionName({ ...base, stage: 'prod!' }),
    roleSessionName({ ...base, stage: 'prod?' }),
    roleSessionName({ ...base, app: 'shop.api', service: 'prod', stage: '' }),
    roleSessionName({ ...base, stage: `${'s'.repeat(80)}1` }),
    roleSessionName({ ...base, stage: `${'s'.repeat(80)}2` }),
  ];
  assert.is(new Set(names).size, names.length);
  const many = new Set(Array.from({ length: 5000 }, (_, i) => roleSessionName({ ...base, stage: `stage-${i}` })));
  assert.is(many.size, 5000);
});

test('source identity: [\\w+=,.@-], 2–64 characters, long actors keep a hash', () => {
  assert.is(sourceIdentityOf('alice@example.com'), 'alice@example.com');
  assert.is(sourceIdentityOf('user:alice smith'), 'user_alice_smith');
  assert.is(sourceIdentityOf('a'), 'a_');
  const longA = sourceIdentityOf(`${'x'.repeat(70)}a`);
  const longB = sourceIdentityOf(`${'x'.repeat(70)}b`);
  assert.is(longA.length, 64);
  assert.match(longA, sessionCharset);
  assert.is.not(longA, longB);
});

test('tag values: refused characters become _, at most 256 characters, letters of any script kept', () => {
  assert.is(sanitizeTagValue('prod:eu/1=a+b-c@d_e.f g'), 'prod:eu/1=a+b-c@d_e.f g');
  assert.is(sanitizeTagValue('a#b*c(d)e!f,g;h'), 'a_b_c_d_e_f_g_h');
  assert.is(sanitizeTagValue('Zürich-東京'), 'Zürich-東京');
  assert.is(Array.from(sanitizeTagValue('😀'.repeat(300))).length, 256);
  assert.is(sanitizeTagValue('x'.repeat(1000)).length, 256);
});

test('session tags: org, app, service, stage and region (when given), keys within 128 characters', () => {
  const tags = sessionTags({ orgId: 'o', app: 'a', service: 's', stage: 'st' });
  assert.equal(tags, [
    { Key: 'org', Value: 'o' },
    { Key: 'app', Value: 'a' },
    { Key: 'service', Value: 's' },
    { Key: 'stage', Value: 'st' },
  ]);
  assert.ok(tags.every((t) => t.Key.length <= 128));
});

test.run();
