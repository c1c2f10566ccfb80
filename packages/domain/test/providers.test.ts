// Renaming, re-credentialing and removing providers: who may, and the rules they obey; idempotency and tenancy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROD_ROLE_ARN, addProvider, added, admin, apply, cmd, given, member, roleCredentials, sealed, thenError, thenEvents } from './support.js';

const rename = suite('RenameProvider');

rename('an admin renames; the event says from and to', () => {
  thenEvents(given(added('p1', 'dev')), cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'development' }), [
    { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'dev', to: 'development' } },
  ]);
});

rename('a provider may change the case of its own name', () => {
  thenEvents(given(added('p1', 'dev')), cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'DEV' }), [
    { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'dev', to: 'DEV' } },
  ]);
});

rename('renaming onto another provider’s name in any case is rejected', () => {
  thenError(given(added('p1', 'dev'), added('p2', 'prod')), cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'PROD' }), 'ProviderNameTaken', 'name');
});

rename('after a rename the old name is free', () => {
  const state = given(added('p1', 'dev'), { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'dev', to: 'development' } });
  thenEvents(state, addProvider(admin, 'p2', 'Dev'), [
    added('p2', 'Dev'),
  ]);
});

rename('a member may not rename; an unknown provider is not found', () => {
  thenError(given(added('p1', 'dev')), cmd(member, { type: 'RenameProvider', providerId: 'p1', name: 'x' }), 'PermissionDenied', 'actor.role');
  thenError(given(added('p1', 'dev')), cmd(admin, { type: 'RenameProvider', providerId: 'nope', name: 'x' }), 'ProviderNotFound', 'providerId');
});

rename('renaming onto another provider’s id in any case is rejected; onto its own id is allowed', () => {
  const state = given(added('p1', 'dev'), added('p2', 'prod'));
  const error = thenError(state, cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'P2' }), 'ProviderNameTaken', 'name');
  assert.is(error.takenBy, 'p2');
  thenEvents(state, cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'p1' }), [
    { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'dev', to: 'p1' } },
  ]);
});

rename.run();

const update = suite('UpdateProviderCredentials');

update('an admin points a provider at another role; the account follows the ARN', () => {
  thenEvents(given(added('p1', 'dev')), cmd(admin, { type: 'UpdateProviderCredentials', providerId: 'p1', credentials: roleCredentials(PROD_ROLE_ARN) }), [
    { type: 'ProviderCredentialsUpdated', data: { providerId: 'p1', credentials: roleCredentials(PROD_ROLE_ARN), accountId: '222222222222' } },
  ]);
});

update('a member may not; the credentials must fit the type', () => {
  thenError(given(added('p1', 'dev')), cmd(member, { type: 'UpdateProviderCredentials', providerId: 'p1', credentials: roleCredentials() }), 'PermissionDenied');
  thenError(
    given(added('p1', 'dev')),
    cmd(admin, { type: 'UpdateProviderCredentials', providerId: 'p1', credentials: { kind: 'secret', fields: { k: sealed() } } }),
    'CredentialsDoNotFitType',
  );
});

update.run();

const remove = suite('RemoveProvider');

remove('an unused provider is removed', () => {
  thenEvents(given(added('p1', 'dev')), cmd(admin, { type: 'RemoveProvider', providerId: 'p1' }), [{ type: 'ProviderRemoved', data: { providerId: 'p1' } }]);
});

const inUse = () =>
  given(
    added('p1', 'dev'),
    { type: 'ProviderLinkedToService', data: { providerId: 'p1', app: 'app1', service: 'api' } },
    { type: 'ProviderLinkedToInstance', data: { providerId: 'p1', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' } },
    { type: 'ProviderLinkedToInstance', data: { providerId: 'p1', app: 'app1', service: 'web', stage: 'dev' } },
    { type: 'DefaultProviderSet', data: { providerId: 'p1', type: 'aws' } },
  );

remove('a provider in use is refused with the list of its usages', () => {
  const error = thenError(inUse(), cmd(admin, { type: 'RemoveProvider', providerId: 'p1' }), 'ProviderInUse', 'force');
  assert.equal(error.usages, [
    { kind: 'service', app: 'app1', service: 'api' },
    { kind: 'instance', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' },
    { kind: 'instance', app: 'app1', service: 'web', stage: 'dev' },
    { kind: 'default', type: 'aws' },
  ]);
  assert.ok(error.message.includes('instance app1/api/prod/us-east-1') && error.message.includes('stage app1/web/dev'), error.message);
});

remove('a forced removal records each unlink and the default clearing as events of their own', () => {
  thenEvents(inUse(), cmd(admin, { type: 'RemoveProvider', providerId: 'p1', force: true }), [
    { type: 'ProviderUnlinkedFromService', data: { providerId: 'p1', app: 'app1', service: 'api' } },
    { type: 'ProviderUnlinkedFromInstance', data: { providerId: 'p1', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' } },
    { type: 'ProviderUnlinkedFromInstance', data: { providerId: 'p1', app: 'app1', service: 'web', stage: 'dev' } },
    { type: 'DefaultProviderCleared', data: { providerId: 'p1', type: 'aws' } },
    { type: 'ProviderRemoved', data: { providerId: 'p1' } },
  ]);
});

remove('a link that was replaced is no longer a usage', () => {
  const state = given(
    added('p1', 'dev'),
    added('p2', 'prod'),
    { type: 'ProviderLinkedToService', data: { providerId: 'p1', app: 'app1', service: 'api' } },
    { type: 'ProviderLinkedToService', data: { providerId: 'p2', app: 'app1', service: 'api', replacedProviderId: 'p1' } },
  );
  thenEvents(state, cmd(admin, { type: 'RemoveProvider', providerId: 'p1' }), [{ type: 'ProviderRemoved', data: { providerId: 'p1' } }]);
});

remove('shredding is recorded; a member may not remove', () => {
  thenEvents(given(added('p1', 'dev')), cmd(admin, { type: 'RemoveProvider', providerId: 'p1', shred: true }), [
    { type: 'ProviderRemoved', data: { providerId: 'p1', shredded: true } },
  ]);
  thenError(given(added('p1', 'dev')), cmd(member, { type: 'RemoveProvider', providerId: 'p1' }), 'PermissionDenied');
});

remove('a removed provider can no longer be linked', () => {
  const state = given(added('p1', 'dev'), { type: 'ProviderRemoved', data: { providerId: 'p1' } });
  thenError(state, cmd(member, { type: 'LinkProviderToService', providerId: 'p1', app: 'app1', service: 'api' }), 'ProviderNotFound', 'providerId');
});

remove.run();

const idempotency = suite('Idempotency');

idempotency('the same command id twice appends once', () => {
  const state = given();
  const command = addProvider(admin, 'p1', 'dev', {}, 'same-id');
  apply(state, command);
  thenEvents(state, command, []);
  // Even a different body under a used id is not decided again: the id names the command.
  thenEvents(state, cmd(admin, { type: 'RenameProvider', providerId: 'p1', name: 'x' }, 'same-id'), []);
});

idempotency('a rejected command leaves its id unused, so a corrected retry is decided', () => {
  const state = given();
  thenError(state, addProvider(member, 'p1', 'dev', {}, 'retry'), 'PermissionDenied');
  thenEvents(state, addProvider(admin, 'p1', 'dev', {}, 'retry'), [added('p1', 'dev')]);
});

idempotency.run();

const tenancy = suite('Tenancy');

tenancy('a provider of another organization is not found', () => {
  // Each org decides on its own stream's state: org B's state never holds org A's providers.
  const orgB = given(added('b1', 'b-dev'));
  thenError(orgB, { ...cmd(member, { type: 'LinkProviderToService', providerId: 'p1', app: 'app1', service: 'api' }), orgId: 'org-b' }, 'ProviderNotFound');
});

tenancy.run();
