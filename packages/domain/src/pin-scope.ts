import * as t from 'io-ts';
import { AccountId, AppName, AwsRegion, ServiceName, StageName } from './rules.js';
import { scopeKey, scopesUpTo, type Scope } from './scope.js';
import { taggedUnion } from './tagged-union.js';

/**
 * A scope as a codec that refuses keys it does not know: `{ kind: 'service',
 * app, service, stage }` is a stage pin sent with the wrong kind, and pinning
 * the whole service instead would be exactly the wrong-account surprise pins
 * exist to prevent.
 */
const closed = <K extends string, P extends t.Props>(kind: K, props: P) => {
  const codec = t.readonly(t.type({ kind: t.literal(kind), ...props }));
  const known = new Set(['kind', ...Object.keys(props)]);
  return new t.Type<t.TypeOf<typeof codec>, t.OutputOf<typeof codec>, unknown>(
    `PinScope(${kind})`,
    (u): u is t.TypeOf<typeof codec> => codec.is(u) && Object.keys(u).every((key) => known.has(key)),
    (u, c) => {
      const extra = typeof u === 'object' && u !== null ? Object.keys(u).find((key) => !known.has(key)) : undefined;
      if (extra !== undefined)
        return t.failure((u as Record<string, unknown>)[extra], [...c, { key: extra, type: t.never, actual: (u as Record<string, unknown>)[extra] }], `a ${kind} scope has only ${[...known].join(', ')}`);
      return codec.validate(u, c);
    },
    codec.encode,
  );
};

/** Where an account pin applies: the whole org, a service, a stage of it (every region), or one instance. */
export const PinScope = taggedUnion('PinScope', 'kind', {
  org: closed('org', {}),
  service: closed('service', { app: AppName, service: ServiceName }),
  stage: closed('stage', { app: AppName, service: ServiceName, stage: StageName }),
  instance: closed('instance', { app: AppName, service: ServiceName, stage: StageName, region: AwsRegion }),
});
/** A decoded pin scope. */
export type PinScope = t.TypeOf<typeof PinScope>;

/** At most this many accounts in one pin: a pin names the few accounts a scope deploys to. */
export const MAX_PINNED_ACCOUNTS = 100;

/** The accounts a pin allows: 1–100 12-digit strings (leading zeros are part of an account id). */
export const PinnedAccountIds = t.refinement(
  t.readonlyArray(AccountId),
  (ids) => ids.length >= 1 && ids.length <= MAX_PINNED_ACCOUNTS,
  'PinnedAccountIds',
);

/** The pin scope a resolution scope falls under: the org default's scope is the org. */
export const pinScopeOf = (scope: Scope): PinScope => (scope.kind === 'org-default' ? { kind: 'org' } : scope);

/** The key of a pin: `org`, or the scope's key (`app/service[/stage[/region]]`). */
export const pinKey = (scope: PinScope): string => (scope.kind === 'org' ? 'org' : scopeKey(scope));

/** A pin scope as a person reads it: `org`, `service app/api`, `stage app/api/prod`, … */
export const describePinScope = (scope: PinScope): string => (scope.kind === 'org' ? 'the organization' : `${scope.kind} ${scopeKey(scope)}`);

const ORG: PinScope = Object.freeze({ kind: 'org' });

/** The scopes a pin scope lies in, itself first, up to the org. */
export const pinScopesFrom = (scope: PinScope): readonly PinScope[] => (scope.kind === 'org' ? [scope] : scopesUpTo(scope, ORG));

/** True when `inner` is `outer` or lies within it (a stage within its service, every scope within the org). */
export const pinScopeWithin = (inner: PinScope, outer: PinScope): boolean => {
  const key = pinKey(outer);
  return pinScopesFrom(inner).some((scope) => pinKey(scope) === key);
};
