/**
 * The places a provider can be linked, from the most specific to the least.
 * `stage` is an instance link without a region: it covers every region of the
 * stage (and component services, which have no region).
 */
export type Scope =
  | { readonly kind: 'instance'; readonly app: string; readonly service: string; readonly stage: string; readonly region: string }
  | { readonly kind: 'stage'; readonly app: string; readonly service: string; readonly stage: string }
  | { readonly kind: 'service'; readonly app: string; readonly service: string }
  | { readonly kind: 'org-default' };

/** `instance`, `stage`, `service` or `org-default`. */
export type ScopeKind = Scope['kind'];

/** The scope of an instance link: with a region it is one instance, without it the whole stage. */
export const instanceScope = (app: string, service: string, stage: string, region: string | undefined): Scope =>
  region === undefined ? { kind: 'stage', app, service, stage } : { kind: 'instance', app, service, stage, region };

/** A scope a provider can be linked at (every scope but the org default). */
export type LinkScope = Exclude<Scope, { kind: 'org-default' }>;

/**
 * A link scope and each wider one, itself first, up to `top`: the resolution
 * chain ends at the org default, the pin chain at the org, and both walk the
 * same places in between. Literal arrays, not recursion and spreads:
 * resolving a deployment walks this every time.
 */
export const scopesUpTo = <S extends LinkScope, T>(scope: S, top: T): readonly (S | LinkScope | T)[] => {
  switch (scope.kind) {
    case 'instance': {
      const { app, service, stage } = scope;
      return [scope, { kind: 'stage', app, service, stage }, { kind: 'service', app, service }, top];
    }
    case 'stage':
      return [scope, { kind: 'service', app: scope.app, service: scope.service }, top];
    case 'service':
      return [scope, top];
  }
};

/** Where a link event points: a service, a whole stage (no region) or one instance. */
export const linkScopeOf = (d: { readonly app: string; readonly service: string; readonly stage?: string; readonly region?: string }): LinkScope =>
  d.stage === undefined
    ? { kind: 'service', app: d.app, service: d.service }
    : d.region === undefined
      ? { kind: 'stage', app: d.app, service: d.service, stage: d.stage }
      : { kind: 'instance', app: d.app, service: d.service, stage: d.stage, region: d.region };

/** Where a link scope points, as event payloads say it: app, service, and a stage and region where it has them. */
export const placeOf = (scope: LinkScope): { app: string; service: string; stage?: string; region?: string } =>
  scope.kind === 'service'
    ? { app: scope.app, service: scope.service }
    : { app: scope.app, service: scope.service, stage: scope.stage, ...(scope.kind === 'instance' ? { region: scope.region } : {}) };

/** A readable key: `app/service`, `app/service/stage`, `app/service/stage/region`, or `org`. */
export const scopeKey = (scope: Scope): string => {
  switch (scope.kind) {
    case 'instance':
      return `${scope.app}/${scope.service}/${scope.stage}/${scope.region}`;
    case 'stage':
      return `${scope.app}/${scope.service}/${scope.stage}`;
    case 'service':
      return `${scope.app}/${scope.service}`;
    case 'org-default':
      return 'org';
  }
};

/**
 * The key of a link slot: one provider per type per scope. Names cannot hold
 * "/" or "|", so the key is unambiguous.
 */
export const slotKey = (providerType: string, scope: Scope): string => `${providerType}|${scopeKey(scope)}`;
