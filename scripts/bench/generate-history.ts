// A realistic history written straight into a store: many orgs, each with providers, apps,
// services, stages and regions; links churning, defaults set and cleared, renames, legacy
// deployment profiles and deployed instances. Every event is decided by the real domain
// `decide` and folded with `evolve`, with the metadata the command handler would write;
// events are appended in large batches per org stream so that a million events stay fast.
import { eventIdFor } from '../../packages/commands/src/index.js';
import { CURRENT_SCHEMA_VERSION, decide, evolve, initialState, orgStream, type Command, type OrgState } from '../../packages/domain/src/index.js';
import type { EventStore, NewEvent } from '../../packages/store/src/index.js';

/** The shape of the generated history. */
export interface HistoryOptions {
  /** Org ids get this prefix and a number. */
  readonly orgPrefix: string;
  readonly orgs: number;
  /** Events per org (approximately: a command may decide more than one event). */
  readonly eventsPerOrg: number;
  /** Events per append (one SQLite transaction). */
  readonly batch?: number;
  readonly seed?: number;
}

/** What was written, and deployments that exist in it (to resolve). */
export interface GeneratedHistory {
  readonly orgIds: readonly string[];
  readonly events: number;
  readonly rejected: number;
  readonly sample: { readonly orgId: string; readonly app: string; readonly service: string; readonly stage: string; readonly region: string };
}

// Per org: 40 apps × 12 services × 4 stages × 3 regions of instances to link and deploy.
const APPS = 40;
const SERVICES = 12;
const STAGES = ['dev', 'staging', 'prod', 'qa'] as const;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
const PROVIDERS = 12;
const PROFILES = 8;

/** A small deterministic PRNG (mulberry32). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const account = (n: number) => String(100000000000 + n).padStart(12, '0');

/** Appends a generated history of `options.orgs` orgs to `store`, org batches interleaved. */
export const generateHistory = async (store: EventStore, options: HistoryOptions): Promise<GeneratedHistory> => {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const batch = options.batch ?? 5000;
  const orgIds = Array.from({ length: options.orgs }, (_, i) => `${options.orgPrefix}${i}`);
  const states = new Map<string, OrgState>(orgIds.map((id) => [id, initialState()]));
  const steps = new Map<string, number>(orgIds.map((id) => [id, 0]));
  let clock = Date.parse('2025-01-01T00:00:00.000Z');
  let events = 0;
  let rejected = 0;

  const nextCommand = (orgId: string, step: number): Command => {
    const envelope = {
      orgId,
      commandId: `gen-${orgId}-${step}`,
      // The setup is done by admins; afterwards a CI bot (a member) does some of the linking.
      actor: step >= PROVIDERS + PROFILES && step % 7 === 0 ? { id: 'ci-bot', role: 'member' as const } : { id: `admin-${step % 5}`, role: 'admin' as const },
      issuedAt: new Date((clock += 1000)).toISOString(),
    };
    // The setup: providers, then legacy profiles and their stage mappings.
    if (step < PROVIDERS)
      return {
        type: 'AddProvider',
        ...envelope,
        providerId: `prv-${step}`,
        name: `AWS account ${step}`,
        providerType: 'aws',
        credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${account(step)}:role/ProvidersAccess`, externalId: `${orgId}:ext`, sessionDurationSeconds: 3600 },
        accountId: account(step),
      };
    if (step < PROVIDERS + PROFILES)
      return {
        type: 'CreateDeploymentProfile',
        ...envelope,
        profileId: `legacy-${step}`,
        name: `legacy profile ${step}`,
        roleArn: `arn:aws:iam::${account(step)}:role/deploy`,
      };
    const app = `app-${Math.floor(random() * APPS)}`;
    const service = `svc-${Math.floor(random() * SERVICES)}`;
    const stage = pick(STAGES);
    const region = pick(REGIONS);
    const providerId = `prv-${Math.floor(random() * PROVIDERS)}`;
    const roll = random();
    // The churn: mostly instance links, then service links, unlinks, deployments, defaults, renames.
    if (roll < 0.45) return { type: 'LinkProviderToInstance', ...envelope, providerId, app, service, stage, region, replace: true };
    if (roll < 0.6) return { type: 'LinkProviderToService', ...envelope, providerId, app, service, replace: true };
    if (roll < 0.7) return { type: 'UnlinkProviderFromInstance', ...envelope, app, service, stage, region, providerType: 'aws' };
    if (roll < 0.75) return { type: 'UnlinkProviderFromService', ...envelope, app, service, providerType: 'aws' };
    if (roll < 0.85) return { type: 'RecordInstanceDeployed', ...envelope, app, service, stage, region };
    if (roll < 0.9) return { type: 'LinkStageToDeploymentProfile', ...envelope, app, stage, profileId: `legacy-${PROVIDERS + Math.floor(random() * PROFILES)}` };
    if (roll < 0.95) return { type: 'SetDefaultProvider', ...envelope, actor: { id: 'owner-1', role: 'owner' }, providerId, replace: true };
    if (roll < 0.97) return { type: 'ClearDefaultProvider', ...envelope, actor: { id: 'owner-1', role: 'owner' }, providerType: 'aws' };
    return { type: 'RenameProvider', ...envelope, actor: { id: 'owner-1', role: 'owner' }, providerId, name: `AWS account ${providerId} r${step}` };
  };

  /** Decides commands for one org until `count` events are ready, folding each. */
  const eventsFor = (orgId: string, count: number): NewEvent[] => {
    const state = states.get(orgId)!;
    const out: NewEvent[] = [];
    let step = steps.get(orgId)!;
    while (out.length < count) {
      const command = nextCommand(orgId, step++);
      const decision = decide(command, state);
      if (decision._tag === 'Left') {
        rejected++;
        continue;
      }
      decision.right.forEach((event, index) => {
        const metadata = {
          schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
          eventId: eventIdFor(orgId, command.commandId, index),
          commandId: command.commandId,
          actor: command.actor,
          occurredAt: command.issuedAt,
        };
        // The store assigns positions when the batch is appended; this state only decides.
        evolve(state, { event, metadata }, 0n);
        out.push({ eventId: metadata.eventId, type: event.type, data: event.data as NewEvent['data'], metadata });
      });
    }
    steps.set(orgId, step);
    return out;
  };

  // Round-robin over the orgs, one batch each, so that the global log interleaves them.
  const perOrgBatch = Math.max(1, Math.min(batch, options.eventsPerOrg));
  const written = new Map<string, number>(orgIds.map((id) => [id, 0]));
  for (let left = true; left; ) {
    left = false;
    for (const orgId of orgIds) {
      const done = written.get(orgId)!;
      if (done >= options.eventsPerOrg) continue;
      const page = eventsFor(orgId, Math.min(perOrgBatch, options.eventsPerOrg - done));
      await store.append(orgStream(orgId), page, BigInt(states.get(orgId)!.revision - page.length));
      written.set(orgId, done + page.length);
      events += page.length;
      left = true;
    }
  }
  const orgId = orgIds[0]!;
  return { orgIds, events, rejected, sample: { orgId, app: 'app-1', service: 'svc-1', stage: 'prod', region: 'eu-west-1' } };
};
