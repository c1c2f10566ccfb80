import { AUDIT_ACTIONS, type AuditAction, type AuditFact, type AuditScope } from './audit-fact.js';
import type { SnapshotReader } from './snapshot.js';
import { CREDENTIALS_KINDS, readActor, readOneOf, readOptional } from './snapshot-fields.js';

/** The audit trail's snapshot format and version. */
export const SNAPSHOT_FORMAT = 'audit-trail';
export const SNAPSHOT_VERSION = 1;

const SCOPE_KINDS: readonly string[] = ['service', 'stage', 'instance', 'org-default', 'org'];

/** A fact read from an audit trail snapshot. */
export const readFact = (read: SnapshotReader, u: unknown, path: string): AuditFact => {
  const f = read.object(u, path);
  const nullable = (field: 'providerId' | 'providerName' | 'providerType' | 'accountId') =>
    f[field] === null ? null : read.string(f[field], `${path}.${field}`);
  const optional = <K extends string>(field: K) => readOptional(read, f, path, field);
  const actor = readActor(read, f.actor, `${path}.actor`);
  const action = read.string(f.action, `${path}.action`);
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) read.fail(`${path}.action`, 'expected an audit action');
  const credentialsKind = f.credentialsKind === undefined ? undefined : readOneOf(read, f.credentialsKind, `${path}.credentialsKind`, CREDENTIALS_KINDS);
  return {
    at: read.string(f.at, `${path}.at`),
    actor,
    action: action as AuditAction,
    orgId: read.string(f.orgId, `${path}.orgId`),
    providerId: nullable('providerId'),
    providerName: nullable('providerName'),
    providerType: nullable('providerType'),
    accountId: nullable('accountId'),
    scope: f.scope === null ? null : readScope(read, f.scope, `${path}.scope`),
    position: String(read.position(f.position, `${path}.position`)),
    commandId: read.string(f.commandId, `${path}.commandId`),
    ...optional('replacedProviderId'),
    ...optional('replacedProviderName'),
    ...optional('replacedAccountId'),
    ...(f.replacedLocalCredentials === true ? { replacedLocalCredentials: true as const } : {}),
    ...optional('previousName'),
    ...optional('previousAccountId'),
    ...(credentialsKind !== undefined ? { credentialsKind: credentialsKind as AuditFact['credentialsKind'] } : {}),
    ...(f.shredded === true ? { shredded: true } : {}),
    ...(f.accountIds === undefined ? {} : { accountIds: read.array(f.accountIds, `${path}.accountIds`).map((id, j) => read.string(id, `${path}.accountIds[${j}]`)) }),
    ...(f.accountObserved === true ? { accountObserved: true as const } : {}),
    ...optional('profileId'),
    ...optional('reason'),
  };
};

const readScope = (read: SnapshotReader, u: unknown, path: string): AuditScope => {
  const s = read.object(u, path);
  const kind = readOneOf(read, s.kind, `${path}.kind`, SCOPE_KINDS);
  const part = (field: 'app' | 'service' | 'stage' | 'region') => readOptional(read, s, path, field);
  return { kind: kind as AuditScope['kind'], key: read.string(s.key, `${path}.key`), ...part('app'), ...part('service'), ...part('stage'), ...part('region') };
};
