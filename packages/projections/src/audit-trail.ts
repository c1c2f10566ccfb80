import { foldProvider, isProviderEvent, linkScopeOf, nameKey, pinKey, scopeKey, type DomainEvent, type PinScope, type ProviderRecords } from '@providers/domain';
import type { Json } from '@providers/store';
import type { AuditAction, AuditFact, AuditScope } from './audit-fact.js';
import { OrgReadModel } from './org-read-model.js';
import type { ProjectedEvent } from './projected-event.js';
import type { SnapshotReader } from './snapshot.js';
import { readEach, readOptional, type SnapshotFields } from './snapshot-fields.js';
import { compareText } from './text-order.js';
import { queryTime, type AuditQuery } from './audit-query.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, readFact } from './audit-snapshot.js';

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
export class AuditTrail extends OrgReadModel<OrgTrail> {
  constructor() {
    super(SNAPSHOT_FORMAT, SNAPSHOT_VERSION);
  }

  protected fold(org: OrgTrail, e: ProjectedEvent): void {
    const fact = this.factOf(org, e);
    if (fact) org.facts.push(fact);
    if (isProviderEvent(e.event)) foldProvider(KNOWN_PROVIDERS, org.providers, e.event, undefined);
  }

  /** The facts that match every filter given, oldest (lowest position) first. */
  query(query: AuditQuery = {}): AuditFact[] {
    const since = queryTime(query, 'since');
    const until = queryTime(query, 'until');
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

  protected emptyOrg(): OrgTrail {
    return { facts: [], providers: new Map() };
  }

  /** An org of the trail as JSON: its facts, and what it knows of each provider to annotate later facts. */
  protected orgSnapshot(org: OrgTrail) {
    return {
      providers: [...org.providers.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, p]) => ({ id, ...p })),
      facts: org.facts as unknown as Json,
    };
  }

  /** An org of the trail read back from `orgSnapshot`. */
  protected readOrg(read: SnapshotReader, fields: SnapshotFields, path: string): OrgTrail {
    const org = this.emptyOrg();
    readEach(read, fields, path, 'providers', (p, at) => {
      const provider = read.object(p, at);
      const accountId = readOptional(read, provider, at, 'accountId');
      org.providers.set(read.string(provider.id, `${at}.id`), {
        name: read.string(provider.name, `${at}.name`),
        type: read.string(provider.type, `${at}.type`),
        ...accountId,
      });
    });
    readEach(read, fields, path, 'facts', (f, at) => org.facts.push(readFact(read, f, at)));
    return org;
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
        const { providerId, name, type, credentials, accountId, accountObserved } = event.data;
        return {
          ...base('provider-added', providerId, null),
          providerName: name,
          providerType: type,
          accountId: accountId ?? null,
          credentialsKind: credentials.kind,
          ...(accountObserved ? { accountObserved } : {}),
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
          ...(event.data.accountObserved ? { accountObserved: event.data.accountObserved } : {}),
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
      case 'AccountPinRemoved': {
        const scope = pinScope(event.data.scope);
        // The accounts it was pinned to: those of the last pin set at that scope.
        const pinned = org.facts.findLast((fact) => fact.action === 'account-pinned' && fact.scope?.key === scope.key)?.accountIds;
        return { ...base('account-pin-removed', null, scope), ...(pinned ? { accountIds: pinned } : {}), reason: event.data.reason };
      }
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
}

const compareBigint = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

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
