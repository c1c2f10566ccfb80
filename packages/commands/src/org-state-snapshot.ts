import { createHash } from 'node:crypto';
import { initialState, type OrgState } from '@providers/domain';
import { errorClass } from '@providers/domain';

/**
 * The version of the fold a snapshot was made by. Raise it whenever `evolve`
 * folds differently or OrgState changes shape: every older snapshot is then
 * stale and replayed over (with a warning), never read into the new shape.
 */
// 5: providers carry `accountObserved`.
export const ORG_STATE_FOLD_VERSION = 5;

/** The version of the text format below. */
export const ORG_STATE_SNAPSHOT_SCHEMA = 1;

/** A snapshot's text that does not decode into an org state: damaged, or not one of ours. */
export class OrgStateSnapshotCorrupt extends errorClass('OrgStateSnapshotCorrupt', 'failure', (detail: string) => ({
  fields: { detail },
  message: `the org state snapshot is damaged: ${detail}`,
})) {}

// The format: the SHA-256 of the body in hex, a newline, then the body: a JSON object with
// one member per field of OrgState. Maps are {"$map": [[key, value], …]}, sets {"$set": […]},
// bigints {"$bigint": "digits"}, anything else is stored as is. The fields and their kinds are read off `initialState()`, so
// a field added to OrgState is carried without touching this file (raise the fold version).

/** The state as snapshot text. */
export const encodeOrgState = (state: OrgState): string => {
  const body = JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Map) return { $map: [...value] };
    if (value instanceof Set) return { $set: [...value] };
    if (typeof value === 'bigint') return { $bigint: String(value) };
    return value;
  });
  return `${sha256(body)}\n${body}`;
};

/** An org state from snapshot text; throws `OrgStateSnapshotCorrupt` (never quoting the text, which holds sealed secrets). */
export const decodeOrgState = (text: string): OrgState => {
  const newline = text.indexOf('\n');
  if (newline !== 64) throw new OrgStateSnapshotCorrupt('no checksum line');
  const body = text.slice(newline + 1);
  if (sha256(body) !== text.slice(0, newline)) throw new OrgStateSnapshotCorrupt('the checksum does not match the content');
  let parsed: unknown;
  try {
    // Parsed plain and revived in one walk: a JSON.parse reviver costs a call per value, several times the parse.
    parsed = JSON.parse(body);
  } catch {
    throw new OrgStateSnapshotCorrupt('not JSON');
  }
  return checkedShape(revive(parsed));
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The value with every tagged map, set and bigint in it turned back into one. */
const revive = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object') value[i] = revive(value[i]);
    return value;
  }
  const fields = value as Record<string, unknown>;
  if ('$set' in fields) {
    if (!Array.isArray(fields.$set)) throw new OrgStateSnapshotCorrupt('a set is not an array');
    return new Set(revive(fields.$set) as unknown[]);
  }
  if ('$map' in fields) {
    const entries = fields.$map;
    if (!Array.isArray(entries)) throw new OrgStateSnapshotCorrupt('a map is not a list of [key, value] pairs');
    const map = new Map<unknown, unknown>();
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 2) throw new OrgStateSnapshotCorrupt('a map is not a list of [key, value] pairs');
      map.set(entry[0], typeof entry[1] === 'object' ? revive(entry[1]) : entry[1]);
    }
    return map;
  }
  if ('$bigint' in fields) {
    if (typeof fields.$bigint !== 'string' || !/^-?\d{1,20}$/.test(fields.$bigint)) throw new OrgStateSnapshotCorrupt('a bigint is not digits');
    return BigInt(fields.$bigint);
  }
  for (const key in fields) if (typeof fields[key] === 'object') fields[key] = revive(fields[key]);
  return value;
};

/** Every field of an initial state, of the same kind, and nothing else. */
const checkedShape = (parsed: unknown): OrgState => {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new OrgStateSnapshotCorrupt('the state is not an object');
  const template = initialState() as unknown as Record<string, unknown>;
  const fields = parsed as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!(key in template)) throw new OrgStateSnapshotCorrupt(`unexpected field ${key}`);
  for (const [key, expected] of Object.entries(template)) {
    const found = fields[key];
    if (kindOf(found) !== kindOf(expected)) throw new OrgStateSnapshotCorrupt(`field ${key} is not a ${kindOf(expected)}`);
  }
  const revision = fields.revision;
  if (typeof revision === 'number' && !(Number.isSafeInteger(revision) && revision >= 0)) throw new OrgStateSnapshotCorrupt('revision is not a count');
  return parsed as OrgState;
};

const kindOf = (value: unknown): string =>
  value instanceof Map ? 'map' : value instanceof Set ? 'set' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
