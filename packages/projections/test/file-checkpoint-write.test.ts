// A checkpoint file that cannot be written: the temporary file goes, the error names the file,
// and the previous file stays whole.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CheckpointFileUnwritable, FileCheckpointStore } from '../src/index.js';

test('a failed write removes its temporary file and says which file it was writing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-checkpoint-write-'));
  try {
    const files = new FileCheckpointStore(dir);
    await files.save('kept', 7n);
    // A directory where the snapshot file should go: the rename over it fails, as a full disk fails the write.
    mkdirSync(join(dir, 'blocked.snapshot.json'));
    const error = await files.saveSnapshot('blocked', { position: 1n, models: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, CheckpointFileUnwritable);
    assert.match((error as Error).message, `cannot write ${join(dir, 'blocked.snapshot.json')}`);
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
    assert.is(await files.load('kept'), 7n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
