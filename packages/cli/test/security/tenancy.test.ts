// Org B can neither read nor touch org A's data through any command or query, whatever ids or names it gives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './in-process.js';

const A = 'acme';
const B = 'rival';
const ROLE = 'arn:aws:iam::111111111111:role/acme-deploy';
const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const tenancy = suite('tenancy: one org never sees or changes another');
// As main.ts does: the AWS SDK's Node-version warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// In-process on a real SQLite file: the CLI's own code, fast enough to try every command with every id.
const dir = mkdtempSync(join(tmpdir(), 'providers-tenancy-'));
const env = { PROVIDERS_MASTER_KEY: generateMasterKey(), PROVIDERS_STORE: `sqlite:${join(dir, 'events.db')}`, PROVIDERS_ACTOR: 'alice', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const ws = {
  run: (args: string[], options: { input?: string } = {}) => runInProcess(args, env, options.input ?? ''),
  cleanup: () => rmSync(dir, { recursive: true, force: true }),
};
const ok = async (args: string[], input?: string) => {
  const r = await ws.run(args, input === undefined ? {} : { input });
  assert.is(r.escaped, undefined);
  assert.is(r.code, 0, `providers ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r;
};

const providersOfA: Array<{ id: string; name: string }> = [];
/** Everything that identifies A's data (not the app and service names B itself asks about): no output given to B may contain any of it. */
const tracesOfA = () => [...providersOfA.flatMap((p) => [p.id, p.name]), '111111111111', '123456789012', 'acme-deploy', 'AKIAABCDEFGHIJKLMNOP'];
const assertNoTraceOfA = (text: string, what: string) => {
  for (const trace of tracesOfA()) assert.not.ok(text.includes(trace), `${what} shows "${trace}" of org ${A}: ${text.slice(0, 300)}`);
};
const snapshotOfA = async () => ({
  history: (await ok(['history', '--org', A, '--json'])).stdout,
  list: (await ok(['list', '--org', A, '--json'])).stdout,
});

tenancy.before(async () => {
  providersOfA.push((await ok(['add', '--org', A, '--name', 'acme-prod', '--type', 'aws', '--role-arn', ROLE, '--json'])).json());
  providersOfA.push((await ok(['add', '--org', A, '--name', 'acme-keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin', '--json'], SECRET)).json());
  providersOfA.push((await ok(['add', '--org', A, '--name', 'acme-stripe', '--type', 'stripe', '--secret-field', 'secretKey', '--json'], 'sk_live_acme')).json());
  await ok(['link', '--org', A, '--provider', 'acme-prod', '--app', 'shop', '--service', 'checkout']);
  await ok(['link', '--org', A, '--provider', 'acme-stripe', '--app', 'shop', '--service', 'checkout']);
  await ok(['link', '--org', A, '--provider', 'acme-keys', '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1']);
  await ok(['default', 'set', '--org', A, '--provider', 'acme-prod']);
  // B has data of its own, so that "empty" is not the only answer B's queries can give.
  await ok(['add', '--org', B, '--name', 'rival-dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::999999999999:role/rival']);
});
tenancy.after(() => ws.cleanup());

/** Every command that names a provider, as org B would send it with A's provider given by `ref`. */
const commandsNamingAProvider = (ref: string): Array<[string, string[], string?]> => [
  ['show', ['show', '--org', B, '--provider', ref]],
  ['rename', ['rename', '--org', B, '--provider', ref, '--to', 'stolen']],
  ['update-credentials', ['update-credentials', '--org', B, '--provider', ref, '--access-key-id', 'AKIAABCDEFGHIJKLMNOQ', '--secret-access-key-stdin'], SECRET],
  ['remove', ['remove', '--org', B, '--provider', ref, '--force']],
  ['remove --shred', ['remove', '--org', B, '--provider', ref, '--force', '--shred']],
  ['default set', ['default', 'set', '--org', B, '--provider', ref]],
  ['link to a service', ['link', '--org', B, '--provider', ref, '--app', 'shop', '--service', 'checkout', '--replace']],
  ['link to an instance', ['link', '--org', B, '--provider', ref, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--replace']],
];

tenancy("every command given one of A's provider ids or names under org B: not found (exit 1), A unchanged", async () => {
  const before = await snapshotOfA();
  const historyOfB = (await ok(['history', '--org', B, '--json'])).stdout;
  for (const ref of providersOfA.flatMap((p) => [p.id, p.name, p.name.toUpperCase()]))
    for (const [what, args, input] of commandsNamingAProvider(ref)) {
      const r = await ws.run([...args, '--json'], input === undefined ? {} : { input });
      assert.is(r.code, 1, `${what} with ${ref} under ${B} → ${r.code}: ${r.stderr}`);
      const error = JSON.parse(r.stderr).error as { _tag: string; field: string };
      assert.equal([error._tag, error.field], ['ProviderNotFound', 'providerId'], `${what} with ${ref}`);
      assert.is(r.stdout, '');
    }
  assert.equal(await snapshotOfA(), before, `org ${A} is unchanged`);
  assert.is((await ok(['history', '--org', B, '--json'])).stdout, historyOfB, `org ${B} recorded nothing`);
  assert.is((await ok(['credentials', '--org', A, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--type', 'aws', '--format', 'json'])).stdout.includes(SECRET), true, 'A still vends its own keys (nothing was shredded)');
});

tenancy("unlink and default clear under B at A's scopes change nothing of A", async () => {
  const before = await snapshotOfA();
  for (const args of [
    ['unlink', '--org', B, '--app', 'shop', '--service', 'checkout'],
    ['unlink', '--org', B, '--app', 'shop', '--service', 'checkout', '--type', 'stripe'],
    ['unlink', '--org', B, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1'],
    ['default', 'clear', '--org', B],
  ]) {
    const r = await ws.run([...args, '--json']);
    assert.ok([0, 1].includes(r.code), `${args.join(' ')} → ${r.code}: ${r.stderr}`);
    assertNoTraceOfA(r.stdout + r.stderr, args.join(' '));
  }
  assert.equal(await snapshotOfA(), before);
  const resolved = (await ok(['resolve', '--org', A, '--app', 'shop', '--service', 'other', '--stage', 'dev', '--json'])).json<{ source: string; provider: { name: string } }>();
  assert.equal([resolved.source, resolved.provider.name], ['org-default', 'acme-prod']);
});

tenancy("B's list, show, history, resolve, credentials and audit never show A's data", async () => {
  const list = (await ok(['list', '--org', B, '--json']));
  assert.equal(list.json<Array<{ name: string }>>().map((p) => p.name), ['rival-dev']);
  const queries: string[][] = [
    ['list', '--org', B],
    ['list', '--org', B, '--json'],
    ['history', '--org', B, '--json'],
    ['history', '--org', B],
    ['resolve', '--org', B, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--json'],
    ['resolve', '--org', B, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--type', 'stripe', '--explain'],
    ['audit', '--org', B, '--format', 'json'],
    ['audit', '--org', B, '--format', 'csv'],
    ['audit', '--org', B, '--account', '111111111111', '--format', 'json'],
    ['audit', '--org', B, '--service', 'shop/checkout', '--format', 'json'],
    ...providersOfA.map((p) => ['audit', '--org', B, '--provider', p.id, '--format', 'json']),
  ];
  for (const args of queries) {
    const r = await ws.run(args);
    assert.is(r.code, 0, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
    assertNoTraceOfA(r.stdout + r.stderr, args.join(' '));
  }
  const resolved = (await ok(['resolve', '--org', B, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--json'])).json<{ source: string; provider: unknown }>();
  assert.equal([resolved.source, resolved.provider], ['none', null]);
  for (const type of ['aws', 'stripe']) {
    const vend = await ws.run(['credentials', '--org', B, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--type', type, '--format', 'json']);
    assert.is(vend.code, 1, `credentials of type ${type} under ${B} → ${vend.code}: ${vend.stderr}`);
    assertNoTraceOfA(vend.stdout + vend.stderr, `credentials --type ${type}`);
    assert.not.ok(vend.stdout.includes(SECRET) || vend.stdout.includes('sk_live_acme'));
  }
});

tenancy("the same queries under A do show A's data (so the checks above can fail)", async () => {
  const text = [
    (await ok(['list', '--org', A, '--json'])).stdout,
    (await ok(['history', '--org', A, '--json'])).stdout,
    (await ok(['audit', '--org', A, '--format', 'json'])).stdout,
    (await ok(['resolve', '--org', A, '--app', 'shop', '--service', 'checkout', '--stage', 'prod', '--region', 'us-east-1', '--json'])).stdout,
  ].join('\n');
  for (const trace of [...providersOfA.map((p) => p.id), '111111111111']) assert.ok(text.includes(trace), `A's own output shows ${trace}`);
  assert.is((await ok(['show', '--org', A, '--provider', providersOfA[0]!.id, '--json'])).json<{ name: string }>().name, 'acme-prod');
});

tenancy.run();
