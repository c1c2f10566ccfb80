// Every call this package makes into the library, through the SDK only: the routes and pages speak
// to this object, so the SDK's surface is met in one place.
import { randomUUID } from 'node:crypto';
import { rules, type AsOf, type IssuanceQuery, type IssuanceRow, type MigrateInput, type PinTarget, type PlainCredentials, type Providers, type WriteContext, type WriteOutcome } from '@providers/sdk';
import { decodeOrExplain, type Misfit } from './decode.js';
import { migrationRefusal, Rejection } from './errors.js';

/** Who acts: an id and a role. */
export type Actor = WriteContext['actor'];
/** The read models (catalog, resolution index, audit trail) as of a point. */
export type ReadModels = Awaited<ReturnType<Providers['readModels']>>;
/** A resolution: its source, provider and chain. */
export type Resolution = Awaited<ReturnType<Providers['resolve']>>;
/** What vending hands out. */
export type Vended = Awaited<ReturnType<Providers['vend']>>;
type Outcome = Awaited<WriteOutcome>;

/** Where a link goes: a service, a stage (every region), or one instance. */
export interface LinkTarget {
  readonly app: string;
  readonly service: string;
  readonly stage?: string;
  readonly region?: string;
}

/** Who writes, in which org. */
export interface Writer {
  readonly orgId: string;
  readonly actor: Actor;
}

// A write that states what holds already appends nothing: the answer says so, with no position.
const accepted = (outcome: Outcome): { readonly position: string | null; readonly changed: boolean } => {
  if (outcome._tag === 'Left') throw new Rejection(outcome.left);
  return { position: outcome.right.position?.toString() ?? null, changed: outcome.right.events.length > 0 };
};

/** The library as the HTTP layer uses it. */
export class Door {
  constructor(private readonly providers: Providers) {}

  /** The org's read models, now or as of a point. */
  readModels(orgId: string, asOf: AsOf = {}): Promise<ReadModels> {
    return this.providers.readModels(orgId, asOf);
  }

  /** Which provider a deployment resolves to, now or as of a point. */
  resolve(request: Parameters<Providers['resolve']>[0], asOf: AsOf = {}): Promise<Resolution> {
    return this.providers.resolve(request, asOf);
  }

  /** Credentials for one deployment (no local fallback: the caller has none to fall back to here). */
  vend(request: Parameters<Providers['vend']>[0]): Promise<Vended> {
    return this.providers.vend(request);
  }

  async addProvider(w: Writer, input: { name: string; type: string; credentials: PlainCredentials; accountId?: string }) {
    const providerId = `prv-${randomUUID()}`;
    const outcome = await this.providers.addProvider({ ...w, providerId, ...input, ...(input.accountId ? { accountId: input.accountId } : {}) });
    return { providerId, ...accepted(outcome) };
  }

  async updateCredentials(w: Writer, provider: string, credentials: PlainCredentials, accountId?: string) {
    return accepted(await this.providers.updateCredentials({ ...w, provider, credentials, ...(accountId ? { accountId } : {}) }));
  }

  async rename(w: Writer, provider: string, name: string) {
    return accepted(await this.providers.renameProvider({ ...w, provider, name }));
  }

  async remove(w: Writer, provider: string, force: boolean) {
    return accepted(await this.providers.removeProvider({ ...w, provider, ...(force ? { force } : {}) }));
  }

  async setDefault(w: Writer, provider: string, replace: boolean) {
    return accepted(await this.providers.setDefault({ ...w, provider, ...(replace ? { replace } : {}) }));
  }

  async clearDefault(w: Writer, type: string) {
    return accepted(await this.providers.clearDefault({ ...w, type }));
  }

  async link(w: Writer, provider: string, target: LinkTarget, replace: boolean) {
    return accepted(await this.providers.link({ ...w, provider, ...target, ...(replace ? { replace } : {}) }));
  }

  async unlink(w: Writer, target: LinkTarget, type: string) {
    return accepted(await this.providers.unlink({ ...w, ...target, type }));
  }

  /** Says that a service, stage or instance deploys with the deployer's own credentials for a type, on purpose. */
  async linkLocal(w: Writer, target: LinkTarget, type: string, replace: boolean) {
    return accepted(await this.providers.linkLocalCredentials({ ...w, ...target, type, ...(replace ? { replace } : {}) }));
  }

  /** Pins the org (no app), a service, a stage or an instance to AWS accounts; `changed` is false when it was pinned so already. */
  async pin(w: Writer, target: PinTarget, accountIds: readonly string[], reason: string) {
    return accepted(await this.providers.pin({ ...w, ...target, accountIds, reason }));
  }

  /** Removes a scope's pin (a scope without one is the domain's `NoAccountPin`). */
  async unpin(w: Writer, target: PinTarget, reason: string) {
    return accepted(await this.providers.unpin({ ...w, ...target, reason }));
  }

  /** The org's hand-outs of credentials (withheld attempts included), oldest first. */
  issuance(orgId: string, query: IssuanceQuery): Promise<IssuanceRow[]> {
    return this.providers.issuance(orgId, query);
  }

  /** Removes the org's issuance records older than an age (`90d`, `36h`). */
  pruneIssuance(orgId: string, olderThan: string) {
    return this.providers.pruneIssuance(orgId, olderThan);
  }

  /** Imports a legacy export and migrates it (idempotent), or with `dryRun` only plans; a bad export is a rejection naming its field. */
  async migrate(orgId: string, legacyExport: string, dryRun: boolean) {
    const input: MigrateInput = { orgId, legacyExport, ...(dryRun ? { dryRun } : {}) };
    const result = await this.providers.migrate(input);
    if (result._tag === 'Left') throw migrationRefusal(result.left);
    return result.right;
  }
}

const DEPLOYMENT_RULES = { app: rules.AppName, service: rules.ServiceName, stage: rules.StageName, region: rules.AwsRegion } as const;

/** The first part of a deployment that breaks the domain's rules (field and rule), or undefined. */
export const deploymentMisfit = (deployment: { readonly [K in keyof typeof DEPLOYMENT_RULES]: string }): Misfit | undefined => {
  for (const [field, codec] of Object.entries(DEPLOYMENT_RULES)) {
    const decoded = decodeOrExplain(codec, deployment[field as keyof typeof DEPLOYMENT_RULES]);
    if (decoded._tag === 'Left') return { field, rule: decoded.left.rule };
  }
  return undefined;
};
