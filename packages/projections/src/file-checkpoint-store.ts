import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@providers/store';
import type { CheckpointStore, SnapshotStore, StoredSnapshot } from './checkpoint-store.js';
import { errorClass } from '@providers/domain';

/** A projection name that cannot be a file name (it would escape the directory, or be empty). */
export class InvalidProjectionName extends errorClass('InvalidProjectionName', 'usage', (projectionName: string) => ({
  fields: { projectionName },
  message: `a projection name is 1–100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit; got ${JSON.stringify(projectionName.slice(0, 100))}`,
})) {}

/** A checkpoint or snapshot file that is not what this code writes. */
export class CheckpointFileUnreadable extends errorClass('CheckpointFileUnreadable', 'failure', (path: string, detail: string) => ({
  fields: { path },
  message: `cannot read ${path}: ${detail}; delete it and rebuild the projections`,
})) {}

/** A checkpoint or snapshot file that could not be written (nothing was replaced). */
export class CheckpointFileUnwritable extends errorClass('CheckpointFileUnwritable', 'failure', (path: string, reason: string, cause: unknown) => ({
  fields: { path },
  message: `cannot write ${path} (${reason}); the previous file, if any, is unchanged`,
  cause,
})) {}

let temporaryFiles = 0;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Checkpoints and snapshots as files in one directory (beside the store's
 * file): `<name>.checkpoint` holds the position, `<name>.snapshot.json` the
 * snapshot. Each is written to a temporary file and renamed over the old one,
 * so a crash leaves the old file or the new one, never half of one.
 */
export class FileCheckpointStore implements CheckpointStore, SnapshotStore {
  constructor(readonly directory: string) {}

  async load(name: string): Promise<bigint | undefined> {
    const path = this.path(name, 'checkpoint');
    const text = await readIfExists(path);
    if (text === undefined) return undefined;
    if (!/^\d{1,20}\n?$/.test(text)) throw new CheckpointFileUnreadable(path, 'expected a position (decimal digits)');
    return BigInt(text.trim());
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.write(this.path(name, 'checkpoint'), `${position}\n`);
  }

  async loadSnapshot(name: string): Promise<StoredSnapshot | undefined> {
    const path = this.path(name, 'snapshot.json');
    const text = await readIfExists(path);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CheckpointFileUnreadable(path, 'not JSON');
    }
    const { position, models } = (parsed ?? {}) as { position?: unknown; models?: unknown };
    if (typeof position !== 'string' || !/^\d{1,20}$/.test(position)) throw new CheckpointFileUnreadable(path, 'expected "position" as decimal digits');
    if (typeof models !== 'object' || models === null || Array.isArray(models)) throw new CheckpointFileUnreadable(path, 'expected "models" as an object');
    return { position: BigInt(position), models: models as { readonly [name: string]: Json } };
  }

  async saveSnapshot(name: string, snapshot: StoredSnapshot): Promise<void> {
    await this.write(this.path(name, 'snapshot.json'), JSON.stringify({ position: String(snapshot.position), models: snapshot.models }));
  }

  private path(name: string, suffix: string): string {
    if (!NAME.test(name)) throw new InvalidProjectionName(name);
    return join(this.directory, `${name}.${suffix}`);
  }

  /**
   * Writes the whole text to a temporary file, flushes it to disk, then renames
   * it over `path`. On any failure (a full disk) the temporary file is removed
   * and the error names the file that was being written.
   */
  private async write(path: string, text: string): Promise<void> {
    const temporary = `${path}.${process.pid}.${++temporaryFiles}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true });
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      throw new CheckpointFileUnwritable(path, code ?? (error instanceof Error ? error.message : String(error)), error);
    }
  }
}

const readIfExists = async (path: string): Promise<string | undefined> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};
