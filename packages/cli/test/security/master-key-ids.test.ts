// One master key id names one key: the CLI refuses a second key under a used id, and rotation reports what it cannot open.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from '../support.js';

const line = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const [prodA, prodB, next] = [line('prod'), line('prod'), line('next')];
const STRIPE_KEYS = ['sk_live_under_key_a', 'sk_live_under_key_b'];

const ids = suite('master key ids are bound to their keys');
const ws = workspace();
ids.after(() => ws.cleanup());
const addStripe = (name: string, secret: string, key: string) =>
  ws.run(['add', '--org', 'acme', '--name', name, '--type', 'stripe', '--secret-field', 'apiKey', '--json'], { input: secret, env: { PROVIDERS_MASTER_KEY: key } });
const rotate = (keys: string) => ws.run(['master-key', 'rotate', '--json'], { env: { PROVIDERS_MASTER_KEY: keys } });

ids('a second key under id prod is refused with a usage error, nothing appended, no secret printed', () => {
  assert.is(addStripe('first', STRIPE_KEYS[0]!, prodA).code, 0);
  const refused = addStripe('second', STRIPE_KEYS[1]!, prodB);
  assert.is(refused.code, 2, refused.stderr);
  const { error } = JSON.parse(refused.stderr) as { error: { _tag: string; message: string } };
  assert.is(error._tag, 'MasterKeyMismatch');
  assert.match(error.message, 'this is not the key that id prod names');
  assert.not.match(refused.stderr + refused.stdout, /sk_live/);
  const history = ws.run(['history', '--org', 'acme', '--json'], { env: { PROVIDERS_MASTER_KEY: prodA } });
  assert.is(history.json<unknown[]>().length, 1);
});

ids('rotation with the wrong key under prod goes on, reports the data key by id and count, exit 1, never "tampered"', () => {
  assert.is(addStripe('third', 'sk_live_third', next).code, 0);
  const wrong = rotate(`${next},${prodB}`);
  assert.is(wrong.code, 1, wrong.stderr);
  const report = wrong.json<{ rewrapped: number; unopened: { keyId: string; masterKeyId: string; reason: string }[] }>();
  assert.is(report.rewrapped, 0);
  assert.is(report.unopened.length, 1);
  assert.is(report.unopened[0]!.masterKeyId, 'prod');
  const { error } = JSON.parse(wrong.stderr) as { error: { _tag: string; message: string } };
  assert.is(error._tag, 'RotationIncomplete');
  assert.match(error.message, `1 data key(s) could not be opened`);
  assert.match(error.message, report.unopened[0]!.keyId);
  assert.not.match(wrong.stderr + wrong.stdout, /tamper/i);

  const right = rotate(`${next},${prodA}`);
  assert.is(right.code, 0, right.stderr);
  assert.equal(right.json(), { rewrapped: 1, unopened: [] });
  const plain = ws.run(['master-key', 'rotate'], { env: { PROVIDERS_MASTER_KEY: next } });
  assert.is(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, 're-wrapped 0 data key(s)');
});

ids.run();
