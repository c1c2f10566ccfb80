// The Serverless Framework v3 preload against a stand-in @serverless/platform-client: it rewrites
// only the prod `core` and `providers` hosts, only when that table loads, and says on stderr what
// the dashboard plugin would swallow (with PROVIDERS_REQUIRED=1 it stops the command).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const preload = fileURLToPath(new URL('../preload/serverless-v3.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'providers-preload-'));
const client = join(dir, 'node_modules/@serverless/platform-client');
mkdirSync(join(client, 'src'), { recursive: true });
writeFileSync(join(client, 'package.json'), JSON.stringify({ name: '@serverless/platform-client', main: './src/index.js' }));
writeFileSync(join(client, 'src/domains.json'), JSON.stringify({ dev: { core: 'https://dev.example' }, prod: { core: 'https://api.example', providers: 'https://providers.example', events: 'https://events.example' } }));
// Answers as the test's environment says: an error with a status, no AWS entry, a local-credentials answer, or keys.
writeFileSync(
  join(client, 'src/index.js'),
  `const domains = require('./domains');
class ServerlessSDK {
  getDomain(name) { return domains.prod[name]; }
  async getOrgByName(orgName) { if (process.env.FAKE === 'org-401') throw Object.assign(new Error('unknown token'), { statusCode: 401 }); return { orgUid: orgName }; }
  async getProvidersByOrgServiceInstance() {
    if (process.env.FAKE === 'providers-down') throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    if (process.env.FAKE === 'none') return { result: [] };
    if (process.env.FAKE === 'local') return { result: [], localCredentials: true };
    return { result: [{ providerName: 'aws', providerDetails: { accessKeyId: 'AKIA' } }] };
  }
}
module.exports = { ServerlessSDK, domains };`,
);
writeFileSync(
  join(dir, 'plugin.cjs'),
  `const { ServerlessSDK, domains } = require('@serverless/platform-client');
(async () => {
  const sdk = new ServerlessSDK();
  let answer = {};
  try { const { orgUid } = await sdk.getOrgByName('acmeorg'); answer = await sdk.getProvidersByOrgServiceInstance(orgUid, 'appName|shop|serviceName|api', 'appName|shop|serviceName|api|stage|prod|region|eu-west-1'); } catch {}
  console.log(JSON.stringify({ domains, found: Boolean(answer.result && answer.result.length) }));
})();`,
);

const run = (env: Record<string, string>) => {
  const result = spawnSync(process.execPath, ['--require', preload, join(dir, 'plugin.cjs')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: result.status, stderr: result.stderr, out: result.stdout ? (JSON.parse(result.stdout) as { domains: Record<string, Record<string, string>>; found: boolean }) : undefined };
};
const URL_ = 'http://127.0.0.1:8080';

test('rewrites the prod core and providers hosts, and nothing else', () => {
  const { code, out, stderr } = run({ PROVIDERS_URL: `${URL_}/` });
  assert.is(code, 0, stderr);
  assert.equal(out!.domains, { dev: { core: 'https://dev.example' }, prod: { core: `${URL_}/serverless`, providers: `${URL_}/serverless`, events: 'https://events.example' } });
  assert.is(out!.found, true);
  assert.is(stderr, '');
});

test('without PROVIDERS_URL it changes nothing', () => {
  const { out } = run({});
  assert.is(out!.domains.prod!.core, 'https://api.example');
});

test('says what the plugin swallows; PROVIDERS_REQUIRED=1 stops the command', () => {
  const refused = run({ PROVIDERS_URL: URL_, FAKE: 'org-401' });
  assert.is(refused.code, 0);
  assert.is(refused.stderr, `Providers: no credentials for org acmeorg from ${URL_}: 401 unknown token — Serverless will use local credentials\n`);
  const down = run({ PROVIDERS_URL: URL_, FAKE: 'providers-down', PROVIDERS_REQUIRED: '1' });
  assert.is(down.code, 1);
  assert.is(down.stderr, `Providers: no credentials for shop/api/prod/eu-west-1 from ${URL_}: connect ECONNREFUSED 127.0.0.1:9 — stopping (PROVIDERS_REQUIRED=1)\n`);
  assert.is(down.out, undefined);
  const none = run({ PROVIDERS_URL: URL_, FAKE: 'none', PROVIDERS_REQUIRED: '1' });
  assert.equal([none.code, none.stderr], [1, `Providers: no credentials for shop/api/prod/eu-west-1 from ${URL_}: no AWS provider resolves there — stopping (PROVIDERS_REQUIRED=1)\n`]);
});

test('a local-credentials link is reported and never stops the command', () => {
  const local = run({ PROVIDERS_URL: URL_, FAKE: 'local', PROVIDERS_REQUIRED: '1' });
  assert.is(local.code, 0);
  assert.match(local.stderr, 'it is linked to local credentials — Serverless will use local credentials');
});

test('PROVIDERS_REQUIRED=1 without PROVIDERS_URL stops at once', () => {
  const result = run({ PROVIDERS_REQUIRED: '1' });
  assert.is(result.code, 1);
  assert.match(result.stderr, 'PROVIDERS_URL is not set');
});

test.run();
