import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { MemoryKeyStore } from '@providers/store';
import { generateMasterKey, InvalidMasterKey, MasterKeyring, masterKeyIdOf, SecretSealer } from '../src/index.js';
import { containsAny, newMasterKey, thrown } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'providers-secrets-'));
let files = 0;
const keyFile = (text: string, mode: number): string => {
  files += 1;
  const path = join(dir, `master-${files}.key`);
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
};

test('a bare base64 key gets an id from the first 8 hex characters of its SHA-256', () => {
  const key = randomBytes(32);
  const ring = MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: key.toString('base64') });
  const expected = createHash('sha256').update(key).digest('hex').slice(0, 8);
  assert.ok(ring);
  assert.is(ring.currentId, expected);
  assert.is(masterKeyIdOf(key), expected);
  assert.equal(ring.ids, [expected]);
});

test('a comma-separated list with ids: the first is current, the others still unwrap', async () => {
  const old = newMasterKey('2024');
  const current = newMasterKey('2025');
  const keys = new MemoryKeyStore();
  const sealed = await new SecretSealer({ keys, masterKeys: MasterKeyring.parse(old.line) }).seal('o/p', 'f', 'v');
  const ring = MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: ` ${current.line}, ${old.line} ` });
  assert.ok(ring);
  assert.is(ring.currentId, '2025');
  assert.equal(ring.ids, ['2025', '2024']);
  assert.ok(ring.has('2024'));
  assert.not.ok(ring.has('2023'));
  assert.is(await new SecretSealer({ keys, masterKeys: ring }).unseal(sealed, 'f'), 'v');
});

test('generateMasterKey makes a fresh id:base64 line that parses to a 32-byte key with its derived id', () => {
  const line = generateMasterKey();
  assert.match(line, /^[0-9a-f]{8}:[A-Za-z0-9+/]{43}=$/);
  const [id, encoded] = line.split(':') as [string, string];
  assert.is(masterKeyIdOf(Buffer.from(encoded, 'base64')), id);
  assert.is(MasterKeyring.parse(line).currentId, id);
  assert.is.not(generateMasterKey(), line);
});

test('a key file readable only by its owner is read, one key per line', () => {
  const current = newMasterKey();
  const old = newMasterKey();
  const path = keyFile(`${current.line}\n${old.line}\n`, 0o600);
  const ring = MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY_FILE: path });
  assert.ok(ring);
  assert.equal(ring.ids, [current.id, old.id]);
});

test('a key file accessible by group or others is refused with a clear error, as ssh does', () => {
  const key = newMasterKey();
  for (const mode of [0o644, 0o640, 0o604, 0o620]) {
    const path = keyFile(`${key.line}\n`, mode);
    const error = thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY_FILE: path }));
    assert.instance(error, InvalidMasterKey);
    const message = (error as Error).message;
    assert.match(message, 'PROVIDERS_MASTER_KEY_FILE');
    assert.match(message, path);
    assert.match(message, 'too open');
    assert.match(message, `chmod 600 ${path}`);
    assert.not.ok(containsAny(message, key.bytes));
  }
});

test('a missing key file or a directory is InvalidMasterKey naming the file', () => {
  for (const path of [join(dir, 'absent.key'), dir]) {
    const error = thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY_FILE: path }));
    assert.instance(error, InvalidMasterKey);
    assert.match((error as Error).message, path);
  }
});

test('malformed keys are InvalidMasterKey naming the source and never the value', () => {
  const good = newMasterKey();
  const short = randomBytes(16).toString('base64');
  const long = randomBytes(48).toString('base64');
  const cases = [
    'not*base64*at*all',
    short,
    long,
    `${good.id}:${short}`,
    `bad id!:${good.bytes.toString('base64')}`,
    `same:${good.bytes.toString('base64')},same:${randomBytes(32).toString('base64')}`,
    ' , ',
  ];
  for (const value of cases) {
    const error = thrown(() => MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: value }));
    assert.instance(error, InvalidMasterKey, value);
    const message = (error as Error).message;
    assert.match(message, 'PROVIDERS_MASTER_KEY');
    assert.not.ok(message.includes(value.trim()) && value.trim().length > 0, message);
    for (const part of value.split(/[,:]/).filter((p) => p.trim().length > 4)) assert.not.ok(message.includes(part), message);
    assert.not.ok(containsAny(message, good.bytes));
  }
  const fromFile = thrown(() =>
    MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY_FILE: keyFile(`${short}\n`, 0o600) }),
  );
  assert.instance(fromFile, InvalidMasterKey);
  assert.match((fromFile as Error).message, 'PROVIDERS_MASTER_KEY_FILE');
  assert.not.ok((fromFile as Error).message.includes(short));
});

test('nothing set (or set empty) gives undefined; both set is refused', () => {
  assert.is(MasterKeyring.fromEnvironment({}), undefined);
  assert.is(MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: '', PROVIDERS_MASTER_KEY_FILE: '' }), undefined);
  const key = newMasterKey();
  const both = thrown(() =>
    MasterKeyring.fromEnvironment({ PROVIDERS_MASTER_KEY: key.line, PROVIDERS_MASTER_KEY_FILE: keyFile(key.line, 0o600) }),
  );
  assert.instance(both, InvalidMasterKey);
  assert.not.ok(containsAny((both as Error).message, key.bytes));
});

test('fromEnvironment reads process.env by default', () => {
  const saved = { value: process.env.PROVIDERS_MASTER_KEY, file: process.env.PROVIDERS_MASTER_KEY_FILE };
  const key = newMasterKey('from-process');
  try {
    process.env.PROVIDERS_MASTER_KEY = key.line;
    delete process.env.PROVIDERS_MASTER_KEY_FILE;
    assert.is(MasterKeyring.fromEnvironment()?.currentId, 'from-process');
  } finally {
    if (saved.value === undefined) delete process.env.PROVIDERS_MASTER_KEY;
    else process.env.PROVIDERS_MASTER_KEY = saved.value;
    if (saved.file !== undefined) process.env.PROVIDERS_MASTER_KEY_FILE = saved.file;
  }
});

test('a keyring or sealer printed or serialized shows no key bytes', async () => {
  const key = newMasterKey('visible-id');
  const ring = MasterKeyring.parse(key.line);
  for (const text of [inspect(ring, { showHidden: true, depth: 10 }), JSON.stringify(ring), String(ring)]) {
    assert.not.ok(containsAny(text, key.bytes), text);
    assert.not.ok(text.includes('<Buffer'), text);
  }
  assert.match(inspect(ring), 'visible-id');
  const sealer = new SecretSealer({ keys: new MemoryKeyStore(), masterKeys: ring });
  await sealer.seal('o/p', 'f', 'value');
  const printed = inspect(sealer, { showHidden: true, depth: 10 });
  assert.not.ok(containsAny(printed, key.bytes));
  assert.not.ok(printed.includes('<Buffer'), printed);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
