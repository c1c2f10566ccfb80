import type { LinkScope } from '@providers/domain';
import type { CatalogProvider, Link, Stamp } from './catalog-types.js';
import type { SnapshotReader } from './snapshot.js';
import { CREDENTIALS_KINDS, readActor, readOneOf, readOptional } from './snapshot-fields.js';

/** The catalog's snapshot format and version. */
export const SNAPSHOT_FORMAT = 'provider-catalog';
export const SNAPSHOT_VERSION = 1;

/** A stamp read from a snapshot. */
export const readStamp = (read: SnapshotReader, u: unknown, path: string): Stamp => {
  const stamp = read.object(u, path);
  return {
    actor: readActor(read, stamp.actor, `${path}.actor`),
    at: read.string(stamp.at, `${path}.at`),
    position: String(read.position(stamp.position, `${path}.position`)),
  };
};

/** A provider read from a snapshot. */
export const readProvider = (read: SnapshotReader, u: unknown, path: string): CatalogProvider => {
  const p = read.object(u, path);
  const kind = readOneOf(read, p.credentialsKind, `${path}.credentialsKind`, CREDENTIALS_KINDS);
  const optional = (field: 'accountId' | 'roleArn' | 'externalId' | 'accessKeyId') => readOptional(read, p, path, field);
  const removed = p.removed === undefined ? undefined : read.object(p.removed, `${path}.removed`);
  return {
    id: read.string(p.id, `${path}.id`),
    name: read.string(p.name, `${path}.name`),
    type: read.string(p.type, `${path}.type`),
    credentialsKind: kind as CatalogProvider['credentialsKind'],
    ...optional('accountId'),
    ...optional('roleArn'),
    ...optional('externalId'),
    ...(p.sessionDurationSeconds !== undefined ? { sessionDurationSeconds: read.number(p.sessionDurationSeconds, `${path}.sessionDurationSeconds`) } : {}),
    ...optional('accessKeyId'),
    ...(p.secretFieldNames !== undefined
      ? { secretFieldNames: read.array(p.secretFieldNames, `${path}.secretFieldNames`).map((f, k) => read.string(f, `${path}.secretFieldNames[${k}]`)) }
      : {}),
    addedAt: read.string(p.addedAt, `${path}.addedAt`),
    addedBy: readActor(read, p.addedBy, `${path}.addedBy`),
    ...(p.credentialsUpdated !== undefined ? { credentialsUpdated: readStamp(read, p.credentialsUpdated, `${path}.credentialsUpdated`) } : {}),
    ...(removed !== undefined
      ? { removed: { ...readStamp(read, removed, `${path}.removed`), ...(removed.shredded === true ? { shredded: true } : {}) } }
      : {}),
  };
};

/** A link read from a snapshot. */
export const readLink = (read: SnapshotReader, u: unknown, path: string): Link => {
  const link = read.object(u, path);
  const scope = read.object(link.scope, `${path}.scope`);
  const field = (name: 'app' | 'service' | 'stage' | 'region') => read.string(scope[name], `${path}.scope.${name}`);
  const kind = read.string(scope.kind, `${path}.scope.kind`);
  const parsed: LinkScope =
    kind === 'service'
      ? { kind, app: field('app'), service: field('service') }
      : kind === 'stage'
        ? { kind, app: field('app'), service: field('service'), stage: field('stage') }
        : kind === 'instance'
          ? { kind, app: field('app'), service: field('service'), stage: field('stage'), region: field('region') }
          : read.fail(`${path}.scope.kind`, 'expected service, stage or instance');
  return { providerId: read.string(link.providerId, `${path}.providerId`), scope: parsed, linked: readStamp(read, link.linked, `${path}.linked`) };
};
