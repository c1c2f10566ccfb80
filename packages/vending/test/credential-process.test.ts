// The credential_process output is accepted by the AWS SDK's own fromProcess provider.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromProcess } from '@aws-sdk/credential-providers';
import { toCredentialProcess } from '../src/credential-process.js';
import type { AwsVendResult } from '../src/vendor.js';
import { fakeSeal, instanceRequest, provider, roleProvider, startVending } from './support/fixtures.js';

/** Loads credentials through an AWS profile whose credential_process prints `output`. */
const loadThroughProfile = async (output: object) => {
  const dir = mkdtempSync(join(tmpdir(), 'vending-credential-process-'));
  const saved = { config: process.env['AWS_CONFIG_FILE'], credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'] };
  try {
    const script = join(dir, 'print-credentials.mjs');
    writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify(output))});\n`);
    writeFileSync(join(dir, 'config'), `[profile vended]\ncredential_process = "${process.execPath}" "${script}"\n`);
    writeFileSync(join(dir, 'credentials'), '');
    process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'credentials');
    return await fromProcess({ profile: 'vended' })();
  } finally {
    for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  }
};

test('role session credentials: Version 1 with session token and ISO expiration, read back by fromProcess', async () => {
  const h = await startVending(roleProvider());
  try {
    const result = (await h.vendor.vend(instanceRequest(1))) as AwsVendResult;
    const output = toCredentialProcess(result);
    assert.equal(Object.keys(output), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    assert.is(output.Version, 1);
    assert.is(output.Expiration, result.expiration?.toISOString());
    const loaded = await loadThroughProfile(output);
    assert.is(loaded.accessKeyId, result.accessKeyId);
    assert.is(loaded.secretAccessKey, result.secretAccessKey);
    assert.is(loaded.sessionToken, result.sessionToken);
    assert.is(loaded.expiration?.getTime(), result.expiration?.getTime());
    assert.is(loaded.accountId, '123456789012');
  } finally {
    await h.close();
  }
});

test('static keys: no session token, no expiration (they do not expire), still accepted', async () => {
  const h = await startVending(provider({ kind: 'aws-keys', accessKeyId: 'AKIASTATICKEYS000001', secretAccessKey: fakeSeal('static-secret') }));
  try {
    const output = toCredentialProcess((await h.vendor.vend(instanceRequest(1))) as AwsVendResult);
    assert.equal(output, { Version: 1, AccessKeyId: 'AKIASTATICKEYS000001', SecretAccessKey: 'static-secret' });
    const loaded = await loadThroughProfile(output);
    assert.is(loaded.secretAccessKey, 'static-secret');
    assert.is(loaded.sessionToken, undefined);
    assert.is(loaded.expiration, undefined);
  } finally {
    await h.close();
  }
});

test.run();
