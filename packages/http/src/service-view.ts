// A service's inheritance for one provider type, as the API answers and the console shows it: the
// org default and the org's account pin, the service's own link (a provider, or local credentials on
// purpose) and pin, then every stage and instance with what is set there and what it resolves to.
import type { ReadModels } from './door.js';
import { providerViews, slotOf, type SlotView, type Stamp } from './views.js';

type Fact = ReturnType<ReadModels['audit']['query']>[number];

/** An account pin: the accounts a scope may deploy to, why, and who pinned it when. */
export interface PinView {
  readonly accountIds: readonly string[];
  readonly reason: string;
  readonly set: Stamp;
}

/** What one scope holds: a provider, local credentials on purpose (`local`), or nothing (it inherits); and its pin. */
export interface ScopeView {
  readonly provider: SlotView;
  readonly local: boolean;
  readonly set: Stamp | null;
  readonly pin: PinView | null;
}

/** A stage (every region) or one instance of the service: what is set there, and what a deployment there gets. */
export interface PlacementView extends ScopeView {
  readonly stage: string;
  readonly region: string | null;
  /** The provider a deployment there resolves to; null for local credentials or none. */
  readonly resolves: SlotView;
  readonly source: string;
  /** The intersection of the pins on its chain; null when none applies. */
  readonly allowedAccountIds: readonly string[] | null;
  readonly accountCheck: string;
}

/** A service's inheritance: the org default, the service, then every stage and instance below that holds something. */
export interface ServiceView {
  readonly orgId: string;
  readonly app: string;
  readonly service: string;
  readonly type: string;
  readonly orgDefault: ScopeView;
  readonly serviceLink: ScopeView;
  readonly placements: readonly PlacementView[];
}

const stampOf = (f: Fact): Stamp => ({ actor: f.actor, at: f.at, position: f.position });

/**
 * What the audit trail says the org's and this service's scopes hold now besides provider links:
 * local-credentials links of the type and account pins, by scope key, and every stage and
 * instance its facts name (no service: the org's own scope only). Facts come oldest first, so the
 * last one at a key decides.
 */
const scopesFromFacts = (facts: readonly Fact[], app: string | null, service: string | null, type: string) => {
  const local = new Map<string, Stamp>();
  const pins = new Map<string, PinView>();
  const places = new Map<string, { stage: string; region: string | null }>();
  for (const f of facts) {
    const scope = f.scope;
    if (scope === null || (scope.kind !== 'org' && (scope.app !== app || scope.service !== service))) continue;
    if (scope.stage !== undefined) places.set(scope.key, { stage: scope.stage, region: scope.region ?? null });
    if (f.action === 'account-pinned') pins.set(scope.key, { accountIds: f.accountIds ?? [], reason: f.reason ?? '', set: stampOf(f) });
    else if (f.action === 'account-pin-removed') pins.delete(scope.key);
    else if (f.providerType !== type) continue;
    else if (f.action === 'local-linked') local.set(scope.key, stampOf(f));
    else if (f.action === 'local-unlinked' || f.action === 'linked') local.delete(scope.key);
  }
  return { local, pins, places };
};

/** The inheritance picture of one service for one provider type. */
export const serviceView = (models: ReadModels, orgId: string, app: string, service: string, type = 'aws'): ServiceView => {
  const { local, pins, places } = scopesFromFacts(models.audit.query({ orgId }), app, service, type);
  const linked = new Map<string, { provider: SlotView; set: Stamp }>();
  for (const p of providerViews(models, orgId).filter((p) => p.type === type))
    for (const u of p.usages) {
      const key = u.scope === 'org-default' ? 'org' : [u.app, u.service, u.stage, u.region].filter((part) => part !== null).join('/');
      if (u.scope === 'org-default' || (u.app === app && u.service === service)) linked.set(key, { provider: slotOf(p), set: u.set });
      if (u.app === app && u.service === service && u.stage !== null) places.set(key, { stage: u.stage, region: u.region });
    }
  const scopeAt = (key: string, pinKey = key): ScopeView => {
    const link = linked.get(key);
    const localSet = local.get(key);
    return { provider: link?.provider ?? null, local: localSet !== undefined, set: link?.set ?? localSet ?? null, pin: pins.get(pinKey) ?? null };
  };
  const placements = [...places.entries()]
    .map(([key, place]) => ({ key, place, held: scopeAt(key) }))
    .filter(({ held }) => held.provider !== null || held.local || held.pin !== null)
    .sort((a, b) => `${a.place.stage}/${a.place.region ?? ''}`.localeCompare(`${b.place.stage}/${b.place.region ?? ''}`))
    .map(({ place, held }): PlacementView => {
      const r = models.index.resolve({ orgId, app, service, stage: place.stage, type, ...(place.region !== null ? { region: place.region } : {}) });
      return { ...place, ...held, resolves: slotOf(r.provider), source: r.source, allowedAccountIds: r.allowedAccountIds, accountCheck: r.accountCheck };
    });
  return { orgId, app, service, type, orgDefault: scopeAt('org'), serviceLink: scopeAt(`${app}/${service}`), placements };
};

/** The account pin of the whole org, or null. */
export const orgPinOf = (models: ReadModels, orgId: string): PinView | null =>
  scopesFromFacts(models.audit.query({ orgId }), null, null, 'aws').pins.get('org') ?? null;
