// Reading stored events: validation, upcasting and reporting what cannot be read.
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readEvent, type Upcasters } from '../src/index.js';

const read = suite('readEvent');
const metadata = (schemaVersion = 1) => ({
  schemaVersion,
  eventId: 'e1',
  commandId: 'c1',
  actor: { id: 'alice', role: 'admin' },
  occurredAt: '2026-01-01T00:00:00.000Z',
});

read('a valid event is read with its metadata', () => {
  const result = readEvent('ProviderRenamed', { providerId: 'p1', from: 'a', to: 'b' }, metadata());
  assert.ok(E.isRight(result));
  if (E.isRight(result)) assert.equal(result.right.event, { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'a', to: 'b' } });
});

read('an unknown event type is reported, not skipped', () => {
  const result = readEvent('ProviderExploded', {}, metadata());
  assert.ok(E.isLeft(result) && result.left._tag === 'UnknownEventType');
});

read('a payload that fails its codec names the field', () => {
  const result = readEvent('ProviderRenamed', { providerId: 'p1', from: 'a' }, metadata());
  assert.ok(E.isLeft(result) && result.left._tag === 'InvalidEvent' && result.left.field === 'data.to', JSON.stringify(result));
});

read('metadata without an actor is invalid', () => {
  const { actor: _actor, ...rest } = metadata();
  const result = readEvent('ProviderRenamed', { providerId: 'p1', from: 'a', to: 'b' }, rest);
  assert.ok(E.isLeft(result) && result.left._tag === 'InvalidEvent' && result.left.field === 'metadata.actor', JSON.stringify(result));
});

read('an older schema version is upcast before it is validated', () => {
  // Suppose v0 of ProviderRenamed called the new name `name`.
  const upcasters: Upcasters = { ProviderRenamed: { 0: (data) => { const { name, ...rest } = data as { name: string }; return { ...rest, to: name }; } } };
  const result = readEvent('ProviderRenamed', { providerId: 'p1', from: 'a', name: 'b' }, metadata(0), upcasters);
  assert.ok(E.isRight(result), JSON.stringify(result));
  if (E.isRight(result)) {
    assert.equal(result.right.event.data, { providerId: 'p1', from: 'a', to: 'b' });
    assert.is(result.right.metadata.schemaVersion, 1);
  }
});

read('a version with no upcaster, or from the future, is reported', () => {
  assert.ok(E.isLeft(readEvent('ProviderRenamed', { providerId: 'p1', from: 'a', to: 'b' }, metadata(0))));
  assert.ok(E.isLeft(readEvent('ProviderRenamed', { providerId: 'p1', from: 'a', to: 'b' }, metadata(7))));
});

read.run();
