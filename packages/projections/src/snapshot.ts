import type { Json } from '@providers/store';
import type { ReadModel } from './read-model.js';
import { errorClass } from '@providers/domain';

/**
 * A read model that can be saved and loaded whole, so that a restart resumes
 * from its checkpoint instead of replaying the log. `snapshot()` is taken
 * between events; `restore()` replaces the model's whole state.
 */
export interface SnapshottableReadModel extends ReadModel {
  /** The key of this model's state inside a stored snapshot (e.g. `resolution-index`). */
  readonly snapshotName: string;
  /** The last global position folded in. */
  readonly position: bigint;
  /** The model's state as JSON, in a canonical order (equal states give equal snapshots). */
  snapshot(): Json;
  /** Replaces the model's state with a snapshot; throws `SnapshotUnreadable` and changes nothing when it does not fit. */
  restore(snapshot: Json): void;
}

/** Tells a read model that can be snapshotted from one that cannot. */
export const isSnapshottable = (model: ReadModel): model is SnapshottableReadModel =>
  typeof (model as Partial<SnapshottableReadModel>).snapshot === 'function' &&
  typeof (model as Partial<SnapshottableReadModel>).restore === 'function' &&
  typeof (model as Partial<SnapshottableReadModel>).snapshotName === 'string';

/** A stored snapshot that does not fit the model (another format, another version, or damaged): rebuild instead. */
export class SnapshotUnreadable extends errorClass('SnapshotUnreadable', 'failure', (model: string, path: string, detail: string) => ({
  fields: { model, path, detail },
  message: `the ${model} snapshot cannot be read at ${path}: ${detail}; rebuild the projections from the log`,
})) {}

type Fields = { readonly [key: string]: unknown };

/**
 * Checks a snapshot's shape field by field, naming the path of the first
 * thing out of place. Snapshots come from outside the process (a file, a
 * table), so they are read like any other input.
 */
export class SnapshotReader {
  constructor(private readonly model: string) {}

  /** The snapshot's body, after checking its format name and version. */
  envelope(json: Json, version: number): Fields {
    const root = this.object(json, '$');
    if (root.format !== this.model) this.fail('$.format', `expected "${this.model}", found ${JSON.stringify(root.format)}`);
    if (root.version !== version) this.fail('$.version', `expected version ${version}, found ${JSON.stringify(root.version)}`);
    return root;
  }

  object(u: unknown, path: string): Fields {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) this.fail(path, 'expected an object');
    return u as Fields;
  }

  array(u: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(u)) this.fail(path, 'expected an array');
    return u as readonly unknown[];
  }

  string(u: unknown, path: string): string {
    if (typeof u !== 'string') this.fail(path, 'expected a string');
    return u as string;
  }

  optionalString(u: unknown, path: string): string | undefined {
    return u === undefined ? undefined : this.string(u, path);
  }

  number(u: unknown, path: string): number {
    if (typeof u !== 'number' || !Number.isFinite(u)) this.fail(path, 'expected a number');
    return u as number;
  }

  /** The snapshot's `orgs` array read into a map by org id, each org read by `readOrg` from its fields and path. */
  orgs<T>(root: Fields, readOrg: (fields: Fields, path: string) => T): Map<string, T> {
    const orgs = new Map<string, T>();
    this.array(root.orgs, '$.orgs').forEach((o, i) => {
      const path = `$.orgs[${i}]`;
      const fields = this.object(o, path);
      orgs.set(this.string(fields.orgId, `${path}.orgId`), readOrg(fields, path));
    });
    return orgs;
  }

  /** A global position, stored as decimal text because JSON has no bigint. */
  position(u: unknown, path: string): bigint {
    const text = this.string(u, path);
    if (!/^\d{1,20}$/.test(text)) this.fail(path, 'expected a position (decimal digits)');
    return BigInt(text);
  }

  fail(path: string, detail: string): never {
    throw new SnapshotUnreadable(this.model, path, detail);
  }
}
