// `providers serve` runs the API and the console on the store; a change made by another `providers`
// process shows on the next request and page load without a restart; SIGTERM stops it cleanly.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from './support.js';

const TOKEN = 'serve-test-admin-token-01';

test('serves the store live, and stops on SIGTERM', async () => {
  const w = workspace();
  try {
    const tokensFile = join(w.dir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify([{ token: TOKEN, actor: 'alice', role: 'admin', orgs: ['acme'] }]));
    const server = spawn(process.execPath, [w.bin, 'serve', '--port', '0', '--tokens', tokensFile], {
      cwd: w.dir,
      env: { PATH: process.env.PATH ?? '', HOME: w.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const names = async () => {
      const response = await fetch(`${url}/api/orgs/acme/providers`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return ((await response.json()) as { providers: Array<{ name: string }> }).providers.map((p) => p.name);
    };
    assert.equal(await names(), []);
    const signIn = await fetch(`${url}/console/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: TOKEN, next: '/console/orgs/acme' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const consolePage = async () => (await fetch(`${url}/console/orgs/acme`, { headers: { cookie } })).text();
    assert.match(await consolePage(), 'no providers yet');
    const added = await w.runAsync(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
    assert.is(added.code, 0, added.stderr);
    assert.equal(await names(), ['dev']);
    assert.match(await consolePage(), 'data-provider="dev"');
    assert.is((await fetch(`${url}/api/orgs/acme/providers`)).status, 401);
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    assert.is(await exited, 0, stderr);
  } finally {
    w.cleanup();
  }
});

test('a bad tokens file is a usage error naming the field, and never echoes a token', () => {
  const w = workspace();
  try {
    const tokensFile = join(w.dir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify([{ token: 'leaky-but-too-short', actor: 'alice', role: 'root', orgs: ['acme'] }]));
    const run = w.run(['serve', '--port', '0', '--tokens', tokensFile]);
    assert.is(run.code, 2);
    assert.match(run.stderr, /\[0\]\.(token|role)/);
    assert.not.match(run.stderr, 'leaky-but-too-short');
  } finally {
    w.cleanup();
  }
});

test('serverless-env prints the export lines of the Serverless preload, and refuses a URL that is not http', () => {
  const w = workspace();
  try {
    const printed = w.run(['serverless-env', '--url', 'http://127.0.0.1:8080/', '--required']);
    assert.is(printed.code, 0, printed.stderr);
    const lines = printed.stdout.trim().split('\n');
    assert.equal(lines.slice(1), [
      "export PROVIDERS_URL='http://127.0.0.1:8080'",
      "export SLS_TELEMETRY_DISABLED='1'",
      "export SLS_NOTIFICATIONS_MODE='off'",
      "export AWS_EC2_METADATA_DISABLED='true'",
      "export PROVIDERS_REQUIRED='1'",
    ]);
    const preload = /^export NODE_OPTIONS='--require "(.+)"'$/.exec(lines[0]!)?.[1];
    assert.ok(preload && preload.endsWith('serverless-v3.cjs') && existsSync(preload), lines[0]);
    assert.is(w.run(['serverless-env', '--url', 'file:///etc/passwd']).code, 2);
  } finally {
    w.cleanup();
  }
});

test.run();
