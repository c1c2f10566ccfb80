// The backend's own routes and the mounted Providers API share one server: the API answers with the
// backend's tokens, the backend answers what the API leaves, and a deployment is vended end to end.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Tokens } from '@providers/http';
import { startBackend } from '../src/backend.js';

const ADMIN = 'acme-admin-demo-token';
const MEMBER = 'acme-member-demo-token';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('the mount answers /api and /console, the backend the rest', async () => {
  process.env.PROVIDERS_MASTER_KEY = 'b1b2c3d4:' + Buffer.alloc(32, 9).toString('base64');
  const tokens = Tokens.fromFile(fileURLToPath(new URL('../demo-tokens.json', import.meta.url)));
  const backend = await startBackend({ open: { store: 'memory:' }, tokens });
  try {
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(backend.url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    assert.is(await (await fetch(`${backend.url}/healthz`)).text(), 'ok');
    assert.is((await fetch(`${backend.url}/elsewhere`)).status, 404);
    const added = await call(ADMIN, 'POST', '/api/orgs/acme/providers', {
      name: 'ci', type: 'aws', accountId: '333333333333', credentials: { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
    });
    assert.is(added.status, 201);
    assert.is((await call(ADMIN, 'PUT', '/api/orgs/acme/default', { provider: 'ci' })).status, 200);
    const deployed = await call(MEMBER, 'POST', '/api/orgs/acme/deploy', { app: 'shop', service: 'api', stage: 'prod', region: 'eu-west-1' });
    assert.equal([deployed.status, deployed.body.source, deployed.body.credentials.secretAccessKey], [200, 'org-default', SECRET]);
    assert.is((await call('globex-admin-demo-token', 'GET', '/api/orgs/acme/providers')).status, 403);
  } finally {
    await backend.close();
  }
});

test.run();
