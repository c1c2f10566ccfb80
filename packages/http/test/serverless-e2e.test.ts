// The test a user would run: the real Serverless Framework v3 CLI (serverless@3.40.0, a dev
// dependency) deploys a one-function service to moto_server with credentials vended by
// `providers serve` — an access role linked to the stage (assumed through moto's STS), then a moto
// IAM user's static keys linked to the service — and the error cases fail loud. HOME is a
// temporary folder and every address is on loopback.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Providers } from '@providers/sdk';
import { TEST_MASTER_KEY } from './support/harness.js';
import { freePort, startMoto, type Moto } from './support/moto.js';
import { canRun, motoNeeded } from './support/tool-gate.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'packages/cli/bin/providers.js');
const serverlessBin = join(dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');
const fixture = fileURLToPath(new URL('./fixtures/serverless-service/', import.meta.url));
const TOKEN = 'serverless-e2e-token-000001';
const ORG = 'acmeorg';

interface Run {
  readonly code: number;
  readonly out: string;
}
interface Context {
  dir: string;
  store: string;
  moto: Moto;
  server: ChildProcess;
  url: string;
  base: Record<string, string>;
  slsEnv: Record<string, string>;
}

const run = (command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', timeout: 480_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: `${stdout}\n${stderr}` }),
    );
  });

/** A copy of the service (serverless writes into its folder), optionally with another org. */
const service = (context: Context, name: string, org = ORG): string => {
  const dir = join(context.dir, name);
  cpSync(fixture, dir, { recursive: true });
  if (org !== ORG) writeFileSync(join(dir, 'serverless.yml'), readFileSync(join(dir, 'serverless.yml'), 'utf8').replace(`org: ${ORG}`, `org: ${org}`));
  return dir;
};
const serverless = (context: Context, dir: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [serverlessBin, ...args], dir, { ...context.slsEnv, ...env });
const stackExists = async (context: Context, name: string) =>
  (await run('aws', ['--endpoint-url', context.moto.url, '--region', 'eu-west-1', 'cloudformation', 'describe-stacks', '--stack-name', name], context.dir, context.base)).code === 0;

const e2e = suite<Context>('serverless@3 deploys with Providers', {} as Context);

if (canRun(e2e, 'deploys with an access role and with static keys; fails loud', motoNeeded({ awsCli: true }))) {
  e2e.before(async (context) => {
    context.dir = mkdtempSync(join(tmpdir(), 'providers-sls-'));
    context.moto = await startMoto();
    context.store = `sqlite:${join(context.dir, 'events.db')}`;
    context.base = {
      PATH: process.env.PATH ?? '',
      HOME: context.dir,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'AKIAVENDINGIDENTITY0',
      AWS_SECRET_ACCESS_KEY: 'vending/identity/secret/000000000000000000',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      PROVIDERS_MASTER_KEY: TEST_MASTER_KEY,
    };
    const aws = (args: string[]) => run('aws', ['--endpoint-url', context.moto.url, '--output', 'json', ...args], context.dir, context.base);
    const user = await aws(['iam', 'create-user', '--user-name', 'deployer']);
    assert.is(user.code, 0, user.out);
    const created = await aws(['iam', 'create-access-key', '--user-name', 'deployer']);
    const key = (JSON.parse(created.out.trim()) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }).AccessKey;

    process.env.PROVIDERS_MASTER_KEY = TEST_MASTER_KEY;
    const providers = await Providers.open({ store: context.store });
    const admin = { orgId: ORG, actor: { id: 'alice', role: 'admin' as const } };
    const role = await providers.addProvider({ ...admin, name: 'prod', type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::123456789012:role/deploy' } });
    const keys = await providers.addProvider({ ...admin, name: 'ci-keys', type: 'aws', accountId: '123456789012', credentials: { kind: 'aws-keys', accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey } });
    await providers.close();
    assert.equal([role._tag, keys._tag], ['Right', 'Right']);
    const providersCli = (args: string[]) => run(process.execPath, [cli, '--store', context.store, '--actor', 'mo', '--role', 'member', ...args], context.dir, context.base);
    assert.is((await providersCli(['link', '--org', ORG, '--provider', 'prod', '--app', 'shop', '--service', 'api', '--stage', 'prod'])).code, 0);
    assert.is((await providersCli(['link', '--org', ORG, '--provider', 'ci-keys', '--app', 'shop', '--service', 'api'])).code, 0);
    assert.is((await providersCli(['link', '--org', ORG, '--app', 'shop', '--service', 'api', '--stage', 'qa', '--local'])).code, 0);

    const tokens = join(context.dir, 'tokens.json');
    writeFileSync(tokens, JSON.stringify([{ token: TOKEN, actor: 'ci', role: 'member', orgs: [ORG] }]));
    context.server = spawn(process.execPath, [cli, '--store', context.store, 'serve', '--port', '0', '--tokens', tokens], {
      env: { ...context.base, AWS_ENDPOINT_URL_STS: context.moto.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    context.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      context.server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      context.server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const exports = await run(process.execPath, [cli, 'serverless-env', '--url', context.url, '--json'], context.dir, context.base);
    assert.is(exports.code, 0, exports.out);
    context.slsEnv = {
      ...(JSON.parse(exports.out) as Record<string, string>),
      PATH: context.base.PATH!,
      HOME: context.dir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      SERVERLESS_ACCESS_KEY: TOKEN,
      MOTO_ENDPOINT: context.moto.url,
    };
  });
  e2e.after(async (context) => {
    context.server?.kill('SIGTERM');
    await context.moto?.close();
    if (context.dir) rmSync(context.dir, { recursive: true, force: true });
  });

  e2e('an access role linked to the stage: deploy, info and remove', async (context) => {
    const dir = service(context, 'role');
    const deployed = await serverless(context, dir, ['deploy', '--stage', 'prod']);
    assert.is(deployed.code, 0, deployed.out);
    assert.match(deployed.out, '(eu-west-1, "prod" provider)');
    assert.not.match(deployed.out, 'Providers: no credentials');
    assert.ok(await stackExists(context, 'api-prod'), 'the stack is in moto');
    const info = await serverless(context, dir, ['info', '--stage', 'prod']);
    assert.is(info.code, 0, info.out);
    assert.match(info.out, 'api-prod-hello');
    assert.is((await serverless(context, dir, ['remove', '--stage', 'prod'])).code, 0);
    assert.not.ok(await stackExists(context, 'api-prod'), 'the stack is gone');
  });

  e2e("static keys of a moto IAM user from the service link: deploy and remove", async (context) => {
    const dir = service(context, 'keys');
    const deployed = await serverless(context, dir, ['deploy', '--stage', 'dev']);
    assert.is(deployed.code, 0, deployed.out);
    assert.match(deployed.out, '(eu-west-1, "ci-keys" provider)');
    assert.ok(await stackExists(context, 'api-dev'));
    assert.is((await serverless(context, dir, ['remove', '--stage', 'dev'])).code, 0);
  });

  e2e('fail loud: a wrong token, an org outside the token, a server that is down; PROVIDERS_REQUIRED=1 fails closed', async (context) => {
    const dir = service(context, 'errors');
    const wrong = await serverless(context, dir, ['print', '--stage', 'prod'], { SERVERLESS_ACCESS_KEY: 'not-a-known-token-000' });
    assert.is(wrong.code, 0, wrong.out);
    assert.match(wrong.out, /Providers: no credentials for org acmeorg from http:\/\/127\.0\.0\.1:\d+: 401 .*Serverless will use local credentials/, wrong.out);
    const wrongRequired = await serverless(context, dir, ['print', '--stage', 'prod'], { SERVERLESS_ACCESS_KEY: 'not-a-known-token-000', PROVIDERS_REQUIRED: '1' });
    assert.is(wrongRequired.code, 1, wrongRequired.out);
    assert.match(wrongRequired.out, 'stopping (PROVIDERS_REQUIRED=1)');

    const other = await serverless(context, service(context, 'other-org', 'globexorg'), ['print', '--stage', 'prod']);
    assert.match(other.out, /Providers: no credentials for org globexorg .*: 403 /);

    const down = { PROVIDERS_URL: `http://127.0.0.1:${await freePort()}` };
    const unreachable = await serverless(context, dir, ['print', '--stage', 'prod'], down);
    assert.is(unreachable.code, 0, unreachable.out);
    assert.match(unreachable.out, /Providers: no credentials for org acmeorg from http:\/\/127\.0\.0\.1:\d+: .*Serverless will use local credentials/);
    const closed = await serverless(context, dir, ['print', '--stage', 'prod'], { ...down, PROVIDERS_REQUIRED: '1' });
    assert.is(closed.code, 1, closed.out);
  });

  e2e('a stage linked to local credentials deploys with them on purpose: said, and not stopped even with PROVIDERS_REQUIRED=1', async (context) => {
    const dir = service(context, 'local');
    for (const env of [{}, { PROVIDERS_REQUIRED: '1' }] as Record<string, string>[]) {
      const printed = await serverless(context, dir, ['print', '--stage', 'qa'], env);
      assert.is(printed.code, 0, printed.out);
      assert.match(printed.out, /Providers: no credentials for shop\/api\/qa\/eu-west-1 from http:\/\/127\.0\.0\.1:\d+: it is linked to local credentials — Serverless will use local credentials/);
    }
  });
}

e2e.run();
