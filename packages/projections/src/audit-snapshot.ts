import type { ActorRole } from '@providers/domain';
import { AUDIT_ACTIONS, type AuditAction, type AuditFact, type AuditScope } from './audit-fact.js';
import type { SnapshotReader } from './snapshot.js';

/** The audit trail's snapshot format and version. */
export const SNAPSHOT_FORMAT = 'audit-trail';
export const SNAPSHOT_VERSION = 1;

const ROLES: readonly string[] = ['owner', 'admin', 'member', 'system'];
const SCOPE_KINDS: readonly string[] = ['service', 'stage', 'instance', 'org-default', 'org'];
const KINDS: readonly string[] = ['aws-role', 'aws-keys', 'secret'];

/** A fact read from an audit trail snapshot. */
export const readFact = (read: SnapshotReader, u: unknown, path: string): AuditFact => {
  const f = read.object(u, path);
  const nullable = (field: 'providerId' | 'providerName' | 'providerType' | 'accountId') =>
    f[field] === null ? null : read.string(f[field], `${path}.${field}`);
  const optional = <K extends string>(field: K) => {
    const value = read.optionalString(f[field], `${path}.${field}`);
    return (value === undefined ? {} : { [field]: value }) as { [P in K]?: string };
  };
  const actor = read.object(f.actor, `${path}.actor`);
  const role = read.string(actor.role, `${path}.actor.role`);
  if (!ROLES.includes(role)) read.fail(`${path}.actor.role`, `expected one of ${ROLES.join(', ')}`);
  const action = read.string(f.action, `${path}.action`);
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) read.fail(`${path}.action`, 'expected an audit action');
  const credentialsKind = read.optionalString(f.credentialsKind, `${path}.credentialsKind`);
  if (credentialsKind !== undefined && !KINDS.includes(credentialsKind)) read.fail(`${path}.credentialsKind`, `expected one of ${KINDS.join(', ')}`);
  return {
    at: read.string(f.at, `${path}.at`),
    actor: { id: read.string(actor.id, `${path}.actor.id`), role: role as ActorRole },
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
  const kind = read.string(s.kind, `${path}.kind`);
  if (!SCOPE_KINDS.includes(kind)) read.fail(`${path}.kind`, `expected one of ${SCOPE_KINDS.join(', ')}`);
  const part = (field: 'app' | 'service' | 'stage' | 'region') => {
    const value = read.optionalString(s[field], `${path}.${field}`);
    return value === undefined ? {} : { [field]: value };
  };
  return { kind: kind as AuditScope['kind'], key: read.string(s.key, `${path}.key`), ...part('app'), ...part('service'), ...part('stage'), ...part('region') };
};
