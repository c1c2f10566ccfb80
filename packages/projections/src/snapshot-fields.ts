import * as E from 'fp-ts/lib/Either.js';
import type { Actor, ActorRole } from '@providers/domain';
import type { SnapshotReader } from './snapshot.js';

// The fields the read models' snapshots hold alike, read back the same way by each.

/** The fields of one object of a snapshot (an org, a provider, …), as they are read back. */
export type SnapshotFields = { readonly [key: string]: unknown };

/** The roles an actor may have. */
const ROLES: readonly string[] = ['owner', 'admin', 'member', 'system'];
/** The kinds of provider credentials. */
export const CREDENTIALS_KINDS: readonly string[] = ['aws-role', 'aws-keys', 'secret'];

/** A string that must be one of `allowed`. */
export const readOneOf = (read: SnapshotReader, u: unknown, path: string, allowed: readonly string[]): string => {
  const value = read.string(u, path);
  if (!allowed.includes(value)) read.fail(path, `expected one of ${allowed.join(', ')}`);
  return value;
};

/** An optional string field of `fields`, as `{ [field]: value }`, or `{}` when it is absent. */
export const readOptional = <K extends string>(read: SnapshotReader, fields: SnapshotFields, path: string, field: K): { [P in K]?: string } => {
  const value = read.optionalString(fields[field], `${path}.${field}`);
  return (value === undefined ? {} : { [field]: value }) as { [P in K]?: string };
};

/** An actor: its id and role. */
export const readActor = (read: SnapshotReader, u: unknown, path: string): Actor => {
  const actor = read.object(u, path);
  const role = readOneOf(read, actor.role, `${path}.role`, ROLES);
  return { id: read.string(actor.id, `${path}.id`), role: role as ActorRole };
};

/** A value a domain codec checks (credentials, a pin scope), refused with `expected` when it does not fit. */
export const readDecoded = <A>(read: SnapshotReader, codec: { decode(u: unknown): E.Either<unknown, A> }, u: unknown, path: string, expected: string): A => {
  const decoded = codec.decode(u);
  if (E.isLeft(decoded)) read.fail(path, expected);
  return decoded.right;
};

/** Reads each item of the array `fields[field]`, with its path (`…field[i]`) for errors. */
export const readEach = (read: SnapshotReader, fields: SnapshotFields, path: string, field: string, readItem: (item: unknown, path: string) => void): void =>
  read.array(fields[field], `${path}.${field}`).forEach((item, i) => readItem(item, `${path}.${field}[${i}]`));
