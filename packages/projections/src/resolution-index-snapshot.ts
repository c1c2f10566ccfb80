import { ProviderCredentials, PinScope, type PinState, type ResolvedProvider } from '@providers/domain';
import type { LinkEntry, LinkPlace } from './link-tree.js';
import type { SnapshotReader } from './snapshot.js';
import { readDecoded, readOptional } from './snapshot-fields.js';

/** Reads a snapshot's slot key back: `type|app/service[/stage[/region]]` (names hold neither "|" nor "/"). */
export const readSlot = (read: SnapshotReader, u: unknown, path: string): { type: string; place: LinkPlace } => {
  const slot = read.string(u, path);
  const bar = slot.indexOf('|');
  const [app, service, stage, region, ...rest] = slot.slice(bar + 1).split('/');
  if (bar <= 0 || !app || !service || rest.length > 0) read.fail(path, 'expected a slot key type|app/service[/stage[/region]]');
  return {
    type: slot.slice(0, bar),
    place: { app: app!, service: service!, ...(stage !== undefined ? { stage } : {}), ...(region !== undefined ? { region } : {}) },
  };
};

/** An entry of a snapshot; only a link (not a default) may be a local-credentials one. */
export const readEntry = (read: SnapshotReader, entry: { readonly [key: string]: unknown }, path: string, mayBeLocal = false): LinkEntry => ({
  providerId: mayBeLocal && entry.providerId === null ? null : read.string(entry.providerId, `${path}.providerId`),
  actor: read.string(entry.actor, `${path}.actor`),
  at: read.string(entry.at, `${path}.at`),
  position: read.number(entry.position, `${path}.position`),
});

/** An account pin read from a snapshot. */
export const readPin = (read: SnapshotReader, u: unknown, path: string): PinState => {
  const p = read.object(u, path);
  const scope = readDecoded(read, PinScope, p.scope, `${path}.scope`, 'expected a pin scope');
  const setBy = read.object(p.setBy, `${path}.setBy`);
  return {
    scope,
    accountIds: read.array(p.accountIds, `${path}.accountIds`).map((id, j) => read.string(id, `${path}.accountIds[${j}]`)),
    reason: read.string(p.reason, `${path}.reason`),
    setBy: { actor: read.string(setBy.actor, `${path}.setBy.actor`), at: read.string(setBy.at, `${path}.setBy.at`), position: read.string(setBy.position, `${path}.setBy.position`) },
  };
};

/** A resolved provider read from a snapshot. */
export const readProvider = (read: SnapshotReader, u: unknown, path: string): ResolvedProvider => {
  const p = read.object(u, path);
  const credentials = readDecoded(read, ProviderCredentials, p.credentials, `${path}.credentials`, 'expected provider credentials');
  const accountId = readOptional(read, p, path, 'accountId');
  if (p.accountObserved !== undefined && p.accountObserved !== true) read.fail(`${path}.accountObserved`, 'expected true or nothing');
  return {
    id: read.string(p.id, `${path}.id`),
    name: read.string(p.name, `${path}.name`),
    type: read.string(p.type, `${path}.type`),
    credentials,
    ...accountId,
    ...(p.accountObserved === true ? { accountObserved: true as const } : {}),
  };
};
