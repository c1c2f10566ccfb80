// The given / when / then helpers people who extend the domain use (`@providers/domain/testing`),
// and the window of command ids the state remembers for idempotency.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_ID_WINDOW, type DomainEvent } from '@providers/domain';
import { GIVEN_ACTOR, SpecificationFailed, deciderSpecification } from '@providers/domain/testing';
import { added, admin, cmd, member } from './support.js';

const spec = deciderSpecification();
const link = (commandId?: string) => cmd(member, { type: 'LinkProviderToService', providerId: 'dev', app: 'app1', service: 'api' }, commandId);
const linked: DomainEvent = { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } };

const fails = (check: () => unknown, message: RegExp) => {
  try {
    check();
  } catch (error) {
    assert.instance(error, SpecificationFailed);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable('the expectation should have failed');
};

test('then passes on exactly the events decided, and fails on others or on a rejection', () => {
  spec.given(added('dev', 'dev')).when(link()).then([linked]);
  fails(() => spec.given(added('dev', 'dev')).when(link()).then([]), /expected events \[\], got \[\{"type":"ProviderLinkedToService"/);
  fails(() => spec.given().when(link()).then([linked]), /got ProviderNotFound/);
});

test('thenRejected returns the rejection of that tag and field, and fails on events or another rejection', () => {
  const error = spec.given().when(link()).thenRejected('ProviderNotFound', 'providerId');
  assert.is(error.providerId, 'dev');
  fails(() => spec.given(added('dev', 'dev')).when(link()).thenRejected('ProviderNotFound'), /expected ProviderNotFound, got events/);
  fails(() => spec.given().when(link()).thenRejected('PermissionDenied'), /got ProviderNotFound/);
  fails(() => spec.given().when(link()).thenRejected('ProviderNotFound', 'name'), /about name, got one about providerId/);
});

test('thenNothing passes when the command changes nothing', () => {
  spec.given(added('dev', 'dev'), linked).when(link()).thenNothing();
  fails(() => spec.given(added('dev', 'dev')).when(link()).thenNothing(), /expected no change/);
});

test('given stamps each event as its own command at the next position; an envelope keeps its own metadata', () => {
  const { state } = spec.given(added('dev', 'dev'), {
    event: linked,
    metadata: { schemaVersion: 1, eventId: 'e', commandId: 'c-link', actor: admin, occurredAt: '2026-02-01T00:00:00.000Z' },
  });
  assert.is(state.position, 2n);
  assert.ok(state.commandIds.has('given-0') && state.commandIds.has('c-link'));
  assert.equal(state.links.get('aws|app1/api')?.setBy, { actor: admin.id, at: '2026-02-01T00:00:00.000Z', position: '2' });
  assert.is(spec.given(added('dev', 'dev'), { type: 'DefaultProviderSet', data: { providerId: 'dev', type: 'aws' } }).state.defaults.get('aws')?.setBy.actor, GIVEN_ACTOR.id);
});

test(`a command sent again within the last ${COMMAND_ID_WINDOW} appends nothing; past them it is decided afresh`, () => {
  const first = { event: linked, metadata: { schemaVersion: 1, eventId: 'e', commandId: 'c-first', actor: member, occurredAt: '2026-01-01T00:00:00.000Z' } };
  const later = (n: number): DomainEvent[] =>
    Array.from({ length: n }, (_, i) => ({ type: 'InstanceDeployed', data: { app: 'app1', service: 'api', stage: `s${i}` } }));
  const unlinked: DomainEvent = { type: 'ProviderUnlinkedFromService', data: { providerId: 'dev', app: 'app1', service: 'api' } };
  // The repeat arrives after the link was undone: within the window it is a retry, and changes nothing.
  spec.given(added('dev', 'dev'), first, unlinked, ...later(COMMAND_ID_WINDOW - 2)).when(link('c-first')).thenNothing();
  const past = spec.given(added('dev', 'dev'), first, unlinked, ...later(COMMAND_ID_WINDOW - 1));
  assert.is(past.state.commandIds.size, COMMAND_ID_WINDOW);
  assert.not.ok(past.state.commandIds.has('c-first'));
  past.when(link('c-first')).then([linked]);
});

test.run();
