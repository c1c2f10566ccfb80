// Every CLI command under generated flag values, run in-process: the exit code is always 0–3, nothing escapes
// as an uncaught exception, and a run that fails appends no event. FUZZ_RUNS raises the runs per command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateMasterKey } from '@providers/secrets';
import { openSqliteStores, type SqliteStores } from '@providers/store-sqlite';
import { runInProcess } from './in-process.js';

const PER_COMMAND = Math.ceil(Number(process.env.FUZZ_RUNS ?? 10_000) / 19);
const SQLITE_SAMPLE = Math.max(20, Math.ceil(PER_COMMAND / 10));

const work = mkdtempSync(join(tmpdir(), 'providers-fuzz-cli-'));
const home = process.cwd();
// The default store is relative to the working directory: never let a fuzzed run write into the repository.
process.chdir(work);

// As main.ts does: the AWS SDK's Node-version warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const masterKey = generateMasterKey();
const env = { PROVIDERS_MASTER_KEY: masterKey, PROVIDERS_ACTOR: 'fuzzer', PROVIDERS_STORE: 'memory:', AWS_EC2_METADATA_DISABLED: 'true' };

const run = (argv: readonly string[], stdin: string) => runInProcess(argv, env, stdin);

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((s) => `-${s}`),
  fc.string({ maxLength: 10 }).map((s) => `--${s}`),
  pick('', ' ', '-', '--', '\u0000', '💥', 'NaN', '-1', '1e999', '0x10', '__proto__', 'A'.repeat(100_000), '../../../etc/passwd', '%s%n', '${HOME}', '$(id)'),
);
/** A flag's value: usually plausible (so the run reaches the rules), sometimes hostile. */
const value = (...plausible: string[]) => fc.oneof({ weight: 2, arbitrary: pick(...plausible) }, { weight: 1, arbitrary: hostile });

const org = value('acme', 'other', 'a', 'acme-2');
const provider = value('dev', 'keys', 'stripe', 'DEV', 'prv-1', 'ghost');
const app = value('app1', 'shop');
const service = value('api', 'billing', 'service1');
const stage = value('dev', 'prod', 'int');
const region = value('us-east-1', 'eu-west-1', 'moon-1');
const type = value('aws', 'stripe', 'twilio', 'AWS');
const roleArn = value('arn:aws:iam::111111111111:role/deploy', 'arn:aws:iam::1:role/x', 'arn:aws-cn:iam::222222222222:role/p/a/th/r');
const account = value('111111111111', '12345678901', '123456789012');
const accessKeyId = value('AKIAABCDEFGHIJKLMNOP', 'ASIA0000000000000000', 'AKIA');
const duration = value('900', '3600', '43200', '899', '1.5');
const flag = fc.constant(undefined);

type FlagSpec = Record<string, fc.Arbitrary<string> | fc.Arbitrary<undefined>>;
interface CommandSpec {
  readonly words: readonly string[];
  readonly flags: FlagSpec;
}

// Left out on purpose: --verify and --allow-local-fallback reach AWS over the network; secret files come from a fixed set.
const credentialFlags: FlagSpec = {
  '--role-arn': roleArn,
  '--external-id': value('ext-123456', 'x'),
  '--session-duration': duration,
  '--access-key-id': accessKeyId,
  '--account-id': account,
  '--secret-access-key-stdin': flag,
  '--secret-access-key-env': value('FUZZ_SECRET_UNSET', 'PROVIDERS_ACTOR'),
  '--secret-access-key-file': pick(join(work, 'missing-secret-file'), join(work)),
  '--secret-field': value('secretKey', 'webhookSecret', '1bad'),
};
const commands: readonly CommandSpec[] = [
  { words: ['add'], flags: { '--org': org, '--name': value('dev', 'keys', 'stripe', 'Bad Name!'), '--type': type, '--id': value('prv-1', 'p:1'), ...credentialFlags } },
  { words: ['update-credentials'], flags: { '--org': org, '--provider': provider, ...credentialFlags } },
  { words: ['rename'], flags: { '--org': org, '--provider': provider, '--to': value('renamed', 'keys', ' x ') } },
  { words: ['remove'], flags: { '--org': org, '--provider': provider, '--force': flag, '--shred': flag } },
  { words: ['show'], flags: { '--org': org, '--provider': provider } },
  { words: ['list'], flags: { '--org': org } },
  { words: ['history'], flags: { '--org': org } },
  { words: ['link'], flags: { '--org': org, '--provider': provider, '--app': app, '--service': service, '--stage': stage, '--region': region, '--replace': flag } },
  { words: ['unlink'], flags: { '--org': org, '--app': app, '--service': service, '--stage': stage, '--region': region, '--type': type } },
  { words: ['default', 'set'], flags: { '--org': org, '--provider': provider } },
  { words: ['default', 'clear'], flags: { '--org': org, '--type': type } },
  { words: ['resolve'], flags: { '--org': org, '--app': app, '--service': service, '--stage': stage, '--region': region, '--type': type, '--as-of': value('0', '5', '2026-01-01T00:00:00Z', 'yesterday', '-1'), '--explain': flag } },
  { words: ['credentials'], flags: { '--org': org, '--app': app, '--service': service, '--stage': stage, '--region': region, '--type': type, '--format': value('env', 'json', 'process', 'xml') } },
  // The trusted account is always given (a generated one may follow it): without one the template asks STS who vends.
  { words: ['iam-template', '--trusted-account', '111111111111'], flags: { '--org': org, '--trusted-account': account, '--external-id': value('ext-123456', 'x'), '--max-session-duration': duration, '--role-name': value('deploy', 'bad name') } },
  { words: ['audit'], flags: { '--org': org, '--account': account, '--provider': provider, '--service': value('app1/api', 'app1', '/'), '--stage': stage, '--actor': value('alice', 'fuzzer'), '--since': value('2026-01-01T00:00:00Z', 'soon'), '--until': value('2030-01-01T00:00:00.000Z', '0'), '--format': value('table', 'json', 'csv', 'yaml') } },
  { words: ['migrate'], flags: { '--org': org, '--from': pick(join(work, 'missing-export.json'), work), '--dry-run': flag } },
  { words: ['rebuild'], flags: { '--skip-invalid': flag } },
  { words: ['master-key', 'generate'], flags: {} },
  { words: ['master-key', 'rotate'], flags: {} },
];

/** An argv for a command: each flag present or not, in any order, plus stray arguments and global flags. */
const argvFor = (spec: CommandSpec): fc.Arbitrary<{ argv: string[]; stdin: string }> =>
  fc
    .record({
      flags: fc.tuple(...Object.entries(spec.flags).map(([name, arb]) => fc.option(arb.map((v) => (v === undefined ? [name] : [name, v])), { freq: 2 }))),
      order: fc.array(fc.nat(), { minLength: Object.keys(spec.flags).length, maxLength: Object.keys(spec.flags).length }),
      json: fc.boolean(),
      globals: fc.array(fc.oneof(pick(['--role', 'member'], ['--role', 'owner'], ['--actor', 'bob'], ['--role', 'root'], ['--bogus'], ['stray']), hostile.map((h) => [h])), { maxLength: 2 }),
      stdin: fc.oneof(pick('', 'abcdefghijklmnopqrstuvwxyz0123456789ABCD\n', 'sk_live_123\nwhsec_456\n'), fc.string({ unit: 'binary', maxLength: 60 })),
    })
    .map(({ flags, order, json, globals, stdin }) => {
      const present = flags.filter((f): f is string[] => f !== null);
      const shuffled = present.map((f, i) => ({ f, k: order[i] ?? 0 })).sort((a, b) => a.k - b.k).map(({ f }) => f);
      const [before, after] = [globals.slice(0, 1).flat(), globals.slice(1).flat()];
      return { argv: [...before, ...spec.words, ...shuffled.flat(), ...after, ...(json ? ['--json'] : [])], stdin };
    });

const escapes: unknown[] = [];
const onEscape = (error: unknown) => void escapes.push(error);
const fuzz = suite('the CLI under generated flags');
fuzz.before(() => {
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
});
fuzz.after(() => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  process.chdir(home);
  rmSync(work, { recursive: true, force: true });
});

for (const spec of commands)
  fuzz(`providers ${spec.words.join(' ')}: ${PER_COMMAND} generated runs on memory:, exit code in 0–3, nothing escapes`, async () => {
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(argvFor(spec), async ({ argv, stdin }) => {
        const r = await run(['--store', 'memory:', ...argv], stdin);
        assert.is(r.escaped, undefined, `runCli threw on ${JSON.stringify(argv).slice(0, 300)}`);
        assert.ok([0, 1, 2, 3].includes(r.code), `exit code ${r.code}`);
        // A memory store cannot fail as infrastructure: a 3 here is a bug (a TypeError, say) dressed up as an outage.
        assert.is.not(r.code, 3, `exit 3 on ${JSON.stringify(argv).slice(0, 300)}: ${r.stderr.slice(0, 300)}`);
        if (r.code !== 0) assert.ok(r.stderr.length > 0, 'a failure says why on stderr');
        codes.add(r.code);
      }),
      { numRuns: PER_COMMAND },
    );
    assert.equal(escapes, []);
    if (spec.flags['--org']) assert.ok(codes.size > 1 || codes.has(2), `runs reached past the parser: codes ${[...codes]}`);
  });

fuzz('on a seeded SQLite store, a sample of runs of every command: a run that fails appends no event', async () => {
  const path = join(work, 'sample.db');
  const seed = async (argv: string[], stdin = '') => assert.is((await run(['--store', `sqlite:${path}`, ...argv], stdin)).code, 0, argv.join(' '));
  await seed(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
  await seed(['add', '--org', 'acme', '--name', 'keys', '--type', 'aws', '--access-key-id', 'AKIAABCDEFGHIJKLMNOP', '--account-id', '123456789012', '--secret-access-key-stdin'], 'abcdefghijklmnopqrstuvwxyz0123456789ABCD');
  await seed(['add', '--org', 'acme', '--name', 'stripe', '--type', 'stripe', '--secret-field', 'secretKey'], 'sk_live_123');
  await seed(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'api']);
  await seed(['default', 'set', '--org', 'acme', '--provider', 'keys']);
  const stores: SqliteStores = openSqliteStores(path);
  try {
    let failures = 0;
    for (const spec of commands)
      await fc.assert(
        fc.asyncProperty(argvFor(spec), async ({ argv, stdin }) => {
          const before = await stores.events.headPosition();
          const r = await run(['--store', `sqlite:${path}`, ...argv], stdin);
          assert.is(r.escaped, undefined);
          assert.ok([0, 1, 2, 3].includes(r.code), `exit code ${r.code}`);
          if (r.code !== 0) {
            failures++;
            assert.is(await stores.events.headPosition(), before, `${JSON.stringify(argv).slice(0, 300)} failed (${r.code}) but appended`);
          }
        }),
        { numRuns: SQLITE_SAMPLE },
      );
    assert.ok(failures > 0);
    assert.equal(escapes, []);
  } finally {
    await stores.close();
  }
});

fuzz.run();
