// Two OS processes sealing the first secret of the same key ids on one SQLite file at once:
// the key store keeps one data key per id, so every ciphertext of both opens afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SealedSecret } from '@providers/domain';
import { MasterKeyring, SecretSealer, generateMasterKey } from '@providers/secrets';
import { SqliteKeyStore } from '@providers/store-sqlite';
import { startReadyProcess } from '@providers/store/testing';

const dir = mkdtempSync(join(tmpdir(), 'providers-first-seal-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const writerScript = fileURLToPath(new URL('./fixtures/first-seal-writer.ts', import.meta.url));
const KEY_IDS = 60;

/** A sealer process: `ready` once its store is open, seals on `go()`, `done` with its sealed secrets. */
const startWriter = (path: string, writer: string, masterKey: string) =>
  startReadyProcess<SealedSecret[]>(`sealer ${writer}`, writerScript, [path, writer, String(KEY_IDS)], { ...process.env, PROVIDERS_MASTER_KEY: masterKey });

test('two processes sealing the first secret of the same key ids: every ciphertext of both opens', async () => {
  const path = join(dir, 'keys.db');
  const masterKey = generateMasterKey();
  const writers = ['a', 'b'].map((writer) => startWriter(path, writer, masterKey));
  await Promise.all(writers.map((writer) => writer.ready));
  for (const writer of writers) writer.go();
  const [a, b] = await Promise.all(writers.map((writer) => writer.done));

  const keys = SqliteKeyStore.open(path);
  try {
    assert.is((await keys.list()).length, KEY_IDS);
    const sealer = new SecretSealer({ keys, masterKeys: MasterKeyring.parse(masterKey) });
    const opened = async (sealed: readonly SealedSecret[]) => Promise.all(sealed.map((secret) => sealer.unseal(secret, 'secretKey')));
    assert.equal(await opened(a!), Array.from({ length: KEY_IDS }, (_, i) => `a-${i}`));
    assert.equal(await opened(b!), Array.from({ length: KEY_IDS }, (_, i) => `b-${i}`));
  } finally {
    await keys.close();
  }
});

test.run();
