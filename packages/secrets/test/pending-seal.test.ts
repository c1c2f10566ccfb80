// Sealing with `begin`: a new data key stays in memory until `keep`, so a command that is refused
// leaves no key; `discard` deletes only a key that `keep` created.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryKeyStore } from '@providers/store';
import { SecretSealer } from '../src/index.js';
import { keyringOf, newMasterKey } from './fixtures.js';

const sealerOn = (keys: MemoryKeyStore, masterKey = newMasterKey()) => new SecretSealer({ keys, masterKeys: keyringOf(masterKey) });

test('a new key is stored only by keep, and what was sealed before opens after', async () => {
  const keys = new MemoryKeyStore();
  const sealer = sealerOn(keys);
  const pending = await sealer.begin('org/p1');
  const sealed = pending.seal('apiKey', 'sk_live_1');
  assert.equal(await keys.list(), []);
  assert.ok(await pending.keep());
  assert.equal(await keys.list(), ['org/p1']);
  assert.is(await sealer.unseal(sealed, 'apiKey'), 'sk_live_1');
});

test('discard deletes the key keep created; a key that was there stays', async () => {
  const keys = new MemoryKeyStore();
  const sealer = sealerOn(keys);
  const created = await sealer.begin('org/new');
  assert.ok(await created.keep());
  await created.discard();
  assert.equal(await keys.list(), []);

  const earlier = await sealer.seal('org/old', 'apiKey', 'sk_old');
  const existing = await sealer.begin('org/old');
  const again = existing.seal('apiKey', 'sk_new');
  assert.ok(await existing.keep());
  await existing.discard();
  assert.equal(await keys.list(), ['org/old']);
  assert.is(await sealer.unseal(earlier, 'apiKey'), 'sk_old');
  assert.is(await sealer.unseal(again, 'apiKey'), 'sk_new');
});

test('keep is false when another writer stored a different key first; a new begin seals under that one', async () => {
  const keys = new MemoryKeyStore();
  const masterKey = newMasterKey();
  const [mine, theirs] = [sealerOn(keys, masterKey), sealerOn(keys, masterKey)];
  const pending = await mine.begin('org/p1');
  pending.seal('apiKey', 'mine');
  const stored = await theirs.seal('org/p1', 'apiKey', 'theirs');
  assert.not.ok(await pending.keep());
  await pending.discard();
  const retried = await mine.begin('org/p1');
  const sealed = retried.seal('apiKey', 'mine');
  assert.ok(await retried.keep());
  assert.is(await theirs.unseal(sealed, 'apiKey'), 'mine');
  assert.is(await mine.unseal(stored, 'apiKey'), 'theirs');
});

test.run();
