// The example backend on PostgreSQL (PROVIDERS_STORE=postgres://…): two replicas on one database;
// a provider added through one is what a deployment through the other is vended.
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Tokens } from '@providers/http';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { startBackend } from '../src/backend.js';

const ADMIN = 'acme-admin-demo-token';
const MEMBER = 'acme-member-demo-token';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const { server } = await postgresTestGate('the example backend on PostgreSQL');
if (server) {
  const test = suite('the example backend on PostgreSQL');

  test('two replicas on one database: what one is told, the other deploys with', async () => {
    process.env.PROVIDERS_MASTER_KEY = 'b1b2c3d4:' + Buffer.alloc(32, 9).toString('base64');
    const tokens = Tokens.fromFile(fileURLToPath(new URL('../demo-tokens.json', import.meta.url)));
    const store = await server.createDatabase('backend');
    const [first, second] = [await startBackend({ open: { store }, tokens }), await startBackend({ open: { store }, tokens })];
    try {
      const call = async (backend: typeof first, token: string, method: string, path: string, body?: unknown) => {
        const response = await fetch(backend.url + path, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      const added = await call(first, ADMIN, 'POST', '/api/orgs/acme/providers', {
        name: 'ci', type: 'aws', accountId: '333333333333', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
      });
      assert.is(added.status, 201);
      assert.is((await call(first, ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'ci' })).status, 200);
      const deployed = await call(second, MEMBER, 'POST', '/api/orgs/acme/deploy', { app: 'shop', service: 'api', stage: 'prod', region: 'eu-west-1' });
      assert.equal([deployed.status, deployed.body.source, deployed.body.credentials.secretAccessKey], [200, 'org-default', SECRET]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test.run();
}
