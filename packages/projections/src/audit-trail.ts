import { foldProvider, isProviderEvent, linkScopeOf, nameKey, pinKey, scopeKey, type ActorRole, type DomainEvent, type PinScope, type ProviderRecords } from '@providers/domain';
import type { Json } from '@providers/store';
import { AUDIT_ACTIONS, type AuditAction, type AuditFact, type AuditScope } from './audit-fact.js';
import { parseIsoTime } from './iso-time.js';
import type { ProjectedEvent } from './projected-event.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';
import { compareText } from './text-order.js';
import { ProvidersError } from '@providers/domain';

/**
 * Which facts to list. Every filter given must match; an absent one does not
 * filter. Times are ISO 8601 and both ends are inclusive.
 */
export interface AuditQuery {
  readonly orgId?: string;
  /** The fact's account, the account it replaced, the account a credentials update moved away from, or one a pin names. */
  readonly accountId?: string;
  /** A provider id, or any name a provider had (case-insensitive); matches the provider or the one it replaced. */
  readonly provider?: string;
  readonly app?: string;
  readonly service?: string;
  readonly stage?: string;
  readonly region?: string;
  /** An actor id. */
  readonly actor?: string;
  readonly actions?: readonly AuditAction[];
  readonly since?: string;
  readonly until?: string;
}

/** A filter of an audit query that cannot be understood (e.g. a time that is not ISO 8601). */
export class InvalidAuditQuery extends ProvidersError {
  readonly _tag = 'InvalidAuditQuery' as const;
  readonly kind = 'usage' as const;
  constructor(
    readonly field: keyof AuditQuery,
    readonly rule: string,
  ) {
    super(`audit filter ${field}: ${rule}`);
  }
}

interface KnownProvider {
  readonly name: string;
  readonly type: string;
  readonly accountId?: string;
}

/** What the trail knows of a provider to annotate later facts: kept once removed, for the facts about it. */
const KNOWN_PROVIDERS: ProviderRecords<KnownProvider> = {
  added: ({ name, type, accountId }) => ({ name, type, ...(accountId ? { accountId } : {}) }),
  renamed: (provider, { to }) => ({ ...provider, name: to }),
  credentialsUpdated: ({ accountId: _previous, ...rest }, { accountId }) => ({ ...rest, ...(accountId ? { accountId } : {}) }),
  removed: (provider) => provider,
};

interface OrgTrail {
  readonly facts: AuditFact[];
  /** Every provider ever added, as it is now (removed ones included), to annotate later facts. */
  readonly providers: Map<string, KnownProvider>;
}

type LinkData = { readonly app: string; readonly service: string; readonly stage?: string; readonly region?: string };

const linkScope = (d: LinkData): AuditScope => {
  const scope = linkScopeOf(d);
  return { ...scope, key: scopeKey(scope) };
};

const defaultScope = (type: string): AuditScope => ({ kind: 'org-default', key: `org/${type}` });

const pinScope = (scope: PinScope): AuditScope => ({ ...scope, key: pinKey(scope) });

/**
 * The audit trail: a flat list of facts, one per event of the provider model,
 * each with its actor, time, position, and the provider's name and account
 * as they were then. Answers "who linked which AWS account to what, when, and
 * what did it replace".
 */
export class AuditTrail implements SnapshottableReadModel {
  readonly snapshotName = SNAPSHOT_FORMAT;
  private readonly orgs = new Map<string, OrgTrail>();
  /** The last global position folded in. */
  position = 0n;

  apply(e: ProjectedEvent): void {
    if (e.position > this.position) this.position = e.position;
    const org = this.org(e.orgId);
    const fact = this.factOf(org, e);
    if (fact) org.facts.push(fact);
    if (isProviderEvent(e.event)) foldProvider(KNOWN_PROVIDERS, org.providers, e.event, undefined);
  }

  /** The facts that match every filter given, oldest (lowest position) first. */
  query(query: AuditQuery = {}): AuditFact[] {
    const since = parseTime(query, 'since');
    const until = parseTime(query, 'until');
    const actions = query.actions === undefined ? undefined : new Set(query.actions);
    const orgs = query.orgId !== undefined ? [query.orgId] : [...this.orgs.keys()];
    const matched: AuditFact[] = [];
    for (const orgId of orgs) {
      const org = this.orgs.get(orgId);
      if (!org) continue;
      const providerIds = query.provider === undefined ? undefined : providerIdsOf(org, query.provider);
      for (const fact of org.facts) {
        if (actions && !actions.has(fact.action)) continue;
        if (query.actor !== undefined && fact.actor.id !== query.actor) continue;
        if (query.accountId !== undefined && ![fact.accountId, fact.replacedAccountId, fact.previousAccountId, ...(fact.accountIds ?? [])].includes(query.accountId)) continue;
        if (providerIds && !(providerIds.has(fact.providerId ?? '') || providerIds.has(fact.replacedProviderId ?? ''))) continue;
        if (query.app !== undefined && fact.scope?.app !== query.app) continue;
        if (query.service !== undefined && fact.scope?.service !== query.service) continue;
        if (query.stage !== undefined && fact.scope?.stage !== query.stage) continue;
        if (query.region !== undefined && fact.scope?.region !== query.region) continue;
        if (since !== undefined || until !== undefined) {
          const at = Date.parse(fact.at);
          if ((since !== undefined && at < since) || (until !== undefined && at > until)) continue;
        }
        matched.push(fact);
      }
    }
    // Each org's facts are in log order already; only a query across orgs needs merging.
    return orgs.length > 1 ? matched.sort((a, b) => compareBigint(BigInt(a.position), BigInt(b.position))) : matched;
  }

  /** The trail as JSON: every org's facts, and what it knows of each provider to annotate later facts. */
  snapshot(): Json {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      position: String(this.position),
      orgs: [...this.orgs.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([orgId, org]) => ({
          orgId,
          providers: [...org.providers.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, p]) => ({ id, ...p })),
          facts: org.facts as unknown as Json,
        })),
    };
  }

  /** Replaces the trail with a snapshot taken by `snapshot()`. */
  restore(snapshot: Json): void {
    const read: SnapshotReader = new SnapshotReader(SNAPSHOT_FORMAT);
    const root = read.envelope(snapshot, SNAPSHOT_VERSION);
    const position = read.position(root.position, '$.position');
    const orgs = read.orgs(root, (raw, path) => {
      const org: OrgTrail = { facts: [], providers: new Map() };
      read.array(raw.providers, `${path}.providers`).forEach((p, j) => {
        const provider = read.object(p, `${path}.providers[${j}]`);
        const accountId = read.optionalString(provider.accountId, `${path}.providers[${j}].accountId`);
        org.providers.set(read.string(provider.id, `${path}.providers[${j}].id`), {
          name: read.string(provider.name, `${path}.providers[${j}].name`),
          type: read.string(provider.type, `${path}.providers[${j}].type`),
          ...(accountId !== undefined ? { accountId } : {}),
        });
      });
      read.array(raw.facts, `${path}.facts`).forEach((f, j) => org.facts.push(readFact(read, f, `${path}.facts[${j}]`)));
      return org;
    });
    this.orgs.clear();
    for (const [orgId, org] of orgs) this.orgs.set(orgId, org);
    this.position = position;
  }

  private factOf(org: OrgTrail, e: ProjectedEvent): AuditFact | undefined {
    const { event, metadata } = e;
    const base = (action: AuditAction, providerId: string | null, scope: AuditScope | null) => {
      const known = providerId === null ? undefined : org.providers.get(providerId);
      return {
        at: metadata.occurredAt,
        actor: { id: metadata.actor.id, role: metadata.actor.role },
        action,
        orgId: e.orgId,
        providerId,
        providerName: known?.name ?? null,
        providerType: known?.type ?? null,
        accountId: known?.accountId ?? null,
        scope,
        position: String(e.position),
        commandId: metadata.commandId,
      };
    };
    const replaced = (replacedProviderId: string | undefined) => {
      if (replacedProviderId === undefined) return {};
      const known = org.providers.get(replacedProviderId);
      return {
        replacedProviderId,
        ...(known ? { replacedProviderName: known.name } : {}),
        ...(known?.accountId ? { replacedAccountId: known.accountId } : {}),
      };
    };
    switch (event.type) {
      case 'ProviderAdded': {
        const { providerId, name, type, credentials, accountId } = event.data;
        return {
          ...base('provider-added', providerId, null),
          providerName: name,
          providerType: type,
          accountId: accountId ?? null,
          credentialsKind: credentials.kind,
        };
      }
      case 'ProviderRenamed':
        return { ...base('provider-renamed', event.data.providerId, null), providerName: event.data.to, previousName: event.data.from };
      case 'ProviderCredentialsUpdated': {
        const before = base('credentials-updated', event.data.providerId, null);
        const accountId = event.data.accountId ?? null;
        return {
          ...before,
          accountId,
          credentialsKind: event.data.credentials.kind,
          ...(before.accountId !== null && before.accountId !== accountId ? { previousAccountId: before.accountId } : {}),
        };
      }
      case 'ProviderRemoved':
        return { ...base('provider-removed', event.data.providerId, null), ...(event.data.shredded ? { shredded: true } : {}) };
      case 'DefaultProviderSet':
        return { ...base('default-set', event.data.providerId, defaultScope(event.data.type)), ...replaced(event.data.replacedProviderId) };
      case 'DefaultProviderCleared':
        return base('default-cleared', event.data.providerId, defaultScope(event.data.type));
      case 'ProviderLinkedToService':
      case 'ProviderLinkedToInstance':
        return {
          ...base('linked', event.data.providerId, linkScope(event.data)),
          ...replaced(event.data.replacedProviderId),
          ...(event.data.replacedLocalCredentials ? { replacedLocalCredentials: true as const } : {}),
        };
      case 'ProviderUnlinkedFromService':
      case 'ProviderUnlinkedFromInstance':
        return base('unlinked', event.data.providerId, linkScope(event.data));
      case 'LocalCredentialsLinked':
        return { ...base('local-linked', null, linkScope(event.data)), providerType: event.data.type, ...replaced(event.data.replacedProviderId) };
      case 'LocalCredentialsUnlinked':
        return { ...base('local-unlinked', null, linkScope(event.data)), providerType: event.data.type };
      case 'AccountPinned':
        return { ...base('account-pinned', null, pinScope(event.data.scope)), accountIds: event.data.accountIds, reason: event.data.reason };
      case 'AccountPinRemoved':
        return { ...base('account-pin-removed', null, pinScope(event.data.scope)), reason: event.data.reason };
      case 'DeploymentProfileMigrated':
        return {
          ...base('profile-migrated', event.data.providerId, null),
          profileId: event.data.profileId,
          ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
        };
      default:
        return undefined;
    }
  }

  /** Keeps what later facts are annotated with: each provider's name, type and account. */
  private org(orgId: string): OrgTrail {
    let org = this.orgs.get(orgId);
    if (!org) this.orgs.set(orgId, (org = { facts: [], providers: new Map() }));
    return org;
  }
}

const SNAPSHOT_FORMAT = 'audit-trail';
const SNAPSHOT_VERSION = 1;

const compareBigint = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

const parseTime = (query: AuditQuery, field: 'since' | 'until'): number | undefined => {
  const text = query[field];
  if (text === undefined) return undefined;
  const time = parseIsoTime(text);
  if (time === undefined) throw new InvalidAuditQuery(field, 'an ISO 8601 date or time with a zone, such as 2026-03-01 or 2026-03-01T10:00:00Z');
  return time;
};

/** The providers an id or a name (any name they ever had, regardless of case) points at. */
const providerIdsOf = (org: OrgTrail, idOrName: string): Set<string> => {
  const ids = new Set<string>();
  if (org.providers.has(idOrName)) ids.add(idOrName);
  const wanted = nameKey(idOrName);
  for (const fact of org.facts) {
    if (fact.providerId === null) continue;
    if ((fact.providerName !== null && nameKey(fact.providerName) === wanted) || (fact.previousName !== undefined && nameKey(fact.previousName) === wanted))
      ids.add(fact.providerId);
  }
  return ids;
};

const ROLES: readonly string[] = ['owner', 'admin', 'member', 'system'];
const SCOPE_KINDS: readonly string[] = ['service', 'stage', 'instance', 'org-default', 'org'];
const KINDS: readonly string[] = ['aws-role', 'aws-keys', 'secret'];

const readFact = (read: SnapshotReader, u: unknown, path: string): AuditFact => {
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
