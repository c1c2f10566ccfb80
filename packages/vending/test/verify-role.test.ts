// The onboarding check: assumable with the external id, and NOT without it (confused deputy).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfusedDeputyRisk, RoleAssumptionDenied } from '../src/errors.js';
import { verifyRole } from '../src/verify-role.js';
import { externalId, roleArn, roleProvider, startVending, vendingIdentity } from './support/fixtures.js';
import { startStsServer } from '../src/testing/sts-server.js';

test('a role that requires the external id passes; both attempts are made, only the first with the id', async () => {
  const server = await startStsServer();
  server.requireExternalId(roleArn, externalId);
  try {
    const verified = await verifyRole(
      { roleArn, externalId, orgId: 'org-1', actor: 'admin@example.com' },
      { region: 'eu-west-1', endpoint: server.url, credentials: async () => vendingIdentity },
    );
    assert.is(verified.roleArn, roleArn);
    assert.is(verified.externalId, externalId);
    assert.match(verified.assumedRoleArn, ':assumed-role/ProvidersAccess/');
    assert.equal(server.requests.map((r) => r.params['ExternalId']), [externalId, undefined]);
    assert.equal(server.requests[0]?.tags, [{ key: 'org', value: 'org-1' }]);
    assert.is(server.requests[0]?.params['SourceIdentity'], 'admin@example.com');
  } finally {
    await server.close();
  }
});

test('a role assumable without the external id is refused with ConfusedDeputyRisk', async () => {
  const server = await startStsServer();
  try {
    await verifyRole({ roleArn, externalId }, { region: 'eu-west-1', endpoint: server.url, credentials: async () => vendingIdentity });
    assert.unreachable('verification should fail');
  } catch (error) {
    assert.instance(error, ConfusedDeputyRisk);
    if (!(error instanceof ConfusedDeputyRisk)) return;
    assert.is(error._tag, 'ConfusedDeputyRisk');
    assert.match(error.message, roleArn);
    assert.match(error.hint, 'sts:ExternalId');
    assert.is(server.calls('AssumeRole'), 2);
  } finally {
    await server.close();
  }
});

test('a role that cannot be assumed even with the external id → RoleAssumptionDenied, and no second attempt', async () => {
  const server = await startStsServer();
  server.requireExternalId(roleArn, 'a-different-external-id');
  try {
    await verifyRole({ roleArn, externalId }, { region: 'eu-west-1', endpoint: server.url, credentials: async () => vendingIdentity });
    assert.unreachable('verification should fail');
  } catch (error) {
    assert.instance(error, RoleAssumptionDenied);
    assert.match(String(error), externalId);
    assert.is(server.calls('AssumeRole'), 1);
  } finally {
    await server.close();
  }
});

test('the vendor offers the same check with its own STS identity', async () => {
  const h = await startVending(roleProvider());
  h.server.requireExternalId(roleArn, externalId);
  try {
    const verified = await h.vendor.verifyRole({ roleArn, externalId });
    assert.is(verified.roleArn, roleArn);
    assert.is(h.server.requests[0]?.accessKeyId, vendingIdentity.accessKeyId);
  } finally {
    await h.close();
  }
});

test.run();
