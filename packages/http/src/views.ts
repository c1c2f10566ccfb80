// What the API answers and the console shows, computed from the read models. Never a secret value:
// the catalog holds none, and resolutions are reduced to ids, names and accounts.
import type { ReadModels, Resolution } from './door.js';

type Catalog = ReadModels['catalog'];
type CatalogProvider = ReturnType<Catalog['list']>[number];
type Usages = ReturnType<Catalog['usages']>;
/** Who set something, when, at which position of the log. */
export type Stamp = Usages['services'][number]['linked'];

/** A place a provider is used: a service, a stage or an instance link, or a default. */
export interface UsageView {
  readonly scope: 'service' | 'stage' | 'instance' | 'org-default';
  readonly app: string | null;
  readonly service: string | null;
  readonly stage: string | null;
  readonly region: string | null;
  readonly set: Stamp;
}

/** A provider as the API shows it: what it is, where it points, where it is used; no secret value. */
export interface ProviderView {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly credentialsKind: string;
  readonly accountId: string | null;
  readonly roleArn: string | null;
  readonly externalId: string | null;
  readonly accessKeyId: string | null;
  readonly secretFieldNames: readonly string[];
  readonly addedAt: string;
  readonly addedBy: string;
  readonly defaultFor: string | null;
  readonly usages: readonly UsageView[];
}

const usageViews = (usages: Usages): UsageView[] => [
  ...usages.defaults.map((d) => ({ scope: 'org-default' as const, app: null, service: null, stage: null, region: null, set: d.set })),
  ...usages.services.map((u) => ({ scope: 'service' as const, app: u.app, service: u.service, stage: null, region: null, set: u.linked })),
  ...usages.instances.map((u) => ({
    scope: u.region === undefined ? ('stage' as const) : ('instance' as const),
    app: u.app,
    service: u.service,
    stage: u.stage,
    region: u.region ?? null,
    set: u.linked,
  })),
];

const providerView = (models: ReadModels, orgId: string, p: CatalogProvider): ProviderView => {
  const usages = models.catalog.usages(orgId, p.id);
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    credentialsKind: p.credentialsKind,
    accountId: p.accountId ?? null,
    roleArn: p.roleArn ?? null,
    externalId: p.externalId ?? null,
    accessKeyId: p.accessKeyId ?? null,
    secretFieldNames: p.secretFieldNames ?? [],
    addedAt: p.addedAt,
    addedBy: p.addedBy.id,
    defaultFor: usages.defaults[0]?.type ?? null,
    usages: usageViews(usages),
  };
};

/** The org's current providers with their usages. */
export const providerViews = (models: ReadModels, orgId: string): ProviderView[] =>
  models.catalog.list(orgId).map((p) => providerView(models, orgId, p));

/** One provider by id or name, or undefined. */
export const providerViewOf = (models: ReadModels, orgId: string, idOrName: string): ProviderView | undefined => {
  const found = models.catalog.get(orgId, idOrName);
  return found && !found.removed ? providerView(models, orgId, found) : undefined;
};

/** A provider in a slot: its id, name and account, or nothing. */
export type SlotView = { readonly providerId: string; readonly name: string; readonly accountId: string | null } | null;

/** A provider as a slot. */
export const slotOf = (p: { id: string; name: string; accountId?: string | null } | null | undefined): SlotView =>
  p ? { providerId: p.id, name: p.name, accountId: p.accountId ?? null } : null;

/** The services an org has links on, or whose scopes its history names (local credentials, pins), as `app/service`, sorted. */
export const servicesOf = (models: ReadModels, orgId: string): string[] => {
  const keys = new Set<string>();
  for (const p of providerViews(models, orgId)) for (const u of p.usages) if (u.app !== null) keys.add(`${u.app}/${u.service}`);
  for (const fact of models.audit.query({ orgId })) if (fact.scope?.app !== undefined) keys.add(`${fact.scope.app}/${fact.scope.service}`);
  return [...keys].sort();
};

/**
 * A resolution without credentials: where it came from, the provider (none on a local-credentials
 * link, `local: true`), each scope looked at with who set it, and the account pins on the chain with
 * the accounts they allow and whether the answer's account is one of them.
 */
export const resolutionView = (resolution: Resolution) => ({
  source: resolution.source,
  provider: slotOf(resolution.provider),
  local: resolution.local === true,
  chain: resolution.chain.map((link) => ({ scope: link.scope, key: link.key, providerId: link.providerId, local: link.local === true, setBy: link.setBy })),
  pins: resolution.pins.map((pin) => ({ scope: pin.scope, key: pin.key, accountIds: pin.accountIds, reason: pin.reason, setBy: pin.setBy })),
  allowedAccountIds: resolution.allowedAccountIds,
  accountCheck: resolution.accountCheck,
});
/** A resolution as the API shows it. */
export type ResolutionView = ReturnType<typeof resolutionView>;
