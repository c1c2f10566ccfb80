// Nothing a vending run writes to stdout or stderr contains a secret, and the AWS SDK's Node
// version warning never reaches stdout (and not stderr either once silenced).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scenario = fileURLToPath(new URL('./support/leak-scenario.ts', import.meta.url));

const runScenario = (mode: 'silence' | 'default') => {
  const dir = mkdtempSync(join(tmpdir(), 'vending-leak-'));
  try {
    const secretsFile = join(dir, 'secrets.json');
    const env = { ...process.env };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    delete env['NODE_NO_WARNINGS'];
    const child = spawnSync(process.execPath, ['--import', 'tsx', scenario, secretsFile, mode], { env, encoding: 'utf8', timeout: 60_000 });
    assert.is(child.status, 0, child.stderr);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as string[];
    return { stdout: child.stdout, stderr: child.stderr, secrets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test('no secret access key, session token or sealed value in stdout or stderr; the errors were printed', () => {
  const run = runScenario('silence');
  assert.ok(run.secrets.length >= 6, 'the scenario handled secrets');
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.secrets.filter((secret) => output.includes(secret)), []);
  for (const tag of ['RoleAssumptionDenied', 'VendingCredentialsInvalid', 'StsRequestRejected', 'StsResponseMalformed', 'StsUnavailable', 'ConfusedDeputyRisk', 'NoProviderResolved']) {
    assert.match(run.stderr, tag);
  }
  assert.match(run.stdout, '"clampedFrom":7200');
  assert.match(run.stdout, 'fallback aws from none');
  assert.not.match(run.stderr, 'NodeVersionSupportWarning');
});

test('without silencing, the SDK warning on Node < 22 goes to stderr only, never stdout', () => {
  const run = runScenario('default');
  assert.not.match(run.stdout, 'NodeVersionSupportWarning');
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) assert.match(run.stderr, 'NodeVersionSupportWarning');
});

test.run();
