// Shared by the migration tests: the seed's export, a handler over a store, and ways to look at the outcome.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import { orgStream, type Actor, type Command } from '@providers/domain';
import { ResolutionIndex, project } from '@providers/projections';
import { MemoryEventStore, type EventStore } from '@providers/store';
import { importLegacyExport, migrate, type MigrateOptions, type MigrationReport } from '../src/index.js';

export const system: Actor = { id: 'migration', role: 'system' };
export const admin: Actor = { id: 'alice', role: 'admin' };
export const issuedAt = new Date().toISOString();

/** The design's export, shared with the CLI and HTTP tests. */
export { seedExport } from '../src/testing/index.js';

export const migrateOptions = (overrides: Partial<MigrateOptions> = {}): MigrateOptions => ({
  actor: system,
  issuedAt,
  externalIdFor: (_profile, orgId) => `${orgId}-migrated-roles`,
  ...overrides,
});

/** A handler over a fresh in-memory store (or the given one). */
export const setup = (store: EventStore = new MemoryEventStore()) => {
  const handler = new CommandHandler(store);
  let n = 0;
  const run = async (body: Record<string, unknown>, actor: Actor = admin, orgId = 'acme') => {
    const result = await handler.execute({ orgId, commandId: `user-${++n}`, actor, issuedAt, ...body } as Command);
    if (E.isLeft(result)) throw new Error(result.left.message);
    return result.right;
  };
  return { store, handler, run };
};

export const roleArn = (account: string, name = 'deploy') => `arn:aws:iam::${account}:role/${name}`;

/** Adds an access-role provider as an admin would. */
export const addRoleProvider = (run: ReturnType<typeof setup>['run'], providerId: string, name: string, arn: string) =>
  run({
    type: 'AddProvider',
    providerId,
    name,
    providerType: 'aws',
    credentials: { kind: 'aws-role', roleArn: arn, externalId: 'user-ext-id', sessionDurationSeconds: 3600 },
  });

export const importOrThrow = async (handler: CommandHandler, input: unknown) => {
  const imported = await importLegacyExport(handler, input, { actor: system, issuedAt });
  if (E.isLeft(imported)) throw new Error(imported.left.message);
  return imported.right;
};

export const migrateOrThrow = async (handler: CommandHandler, orgId = 'acme', options: Partial<MigrateOptions> = {}): Promise<MigrationReport> => {
  const report = await migrate(handler, orgId, migrateOptions(options));
  if (E.isLeft(report)) throw new Error(report.left.message);
  return report.right;
};

export const indexOf = async (store: EventStore) => {
  const index = new ResolutionIndex();
  await project(store, [index]);
  return index;
};

export const eventsOf = async (store: EventStore, orgId = 'acme') => {
  const events = [];
  for await (const page of store.readStream(orgStream(orgId))) events.push(...page);
  return events;
};

/** Everything the migration decides, as comparable data: providers, links, profile markers. */
export const outcomeOf = async (handler: CommandHandler, orgId = 'acme') => {
  const state = await handler.state(orgId);
  return {
    providers: [...state.providers.values()].map(({ id, name, type, credentials, accountId }) => ({ id, name, type, credentials, accountId })).sort((a, b) => a.id.localeCompare(b.id)),
    links: [...state.links.entries()].map(([slot, link]) => `${slot} -> ${link.providerId}`).sort(),
    migrated: [...state.profiles.values()].map((profile) => `${profile.profileId} -> ${String(profile.migratedTo)}`).sort(),
  };
};

/** The account (or null) every (app, service, stage, region) of the given list resolves to. */
export const resolutions = async (store: EventStore, requests: readonly { app: string; service: string; stage: string; region?: string }[], orgId = 'acme') => {
  const index = await indexOf(store);
  return requests.map((request) => {
    const resolved = index.resolve({ orgId, ...request });
    return `${request.app}/${request.service}/${request.stage}/${request.region ?? '-'} => ${resolved.source}:${resolved.provider?.accountId ?? 'none'}`;
  });
};

/** A store that runs `before(n)` ahead of its n-th append (from 1); reads go straight through. */
export const withAppendHook = (inner: EventStore, before: (n: number) => Promise<void> | void): EventStore => {
  let appends = 0;
  return {
    append: async (stream, events, expected) => {
      await before(++appends);
      return inner.append(stream, events, expected);
    },
    readStream: (stream, options) => inner.readStream(stream, options),
    readAll: (options) => inner.readAll(options),
    subscribeAll: (options) => inner.subscribeAll(options),
    truncateStreamBefore: (stream, revision) => inner.truncateStreamBefore(stream, revision),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
};

/**
 * A store that fails after a number of appends: a process killed mid-way.
 * Reads go through, so the handler sees everything appended before the crash.
 */
export const crashingAfter = (inner: EventStore, appends: number): EventStore =>
  withAppendHook(inner, (n) => {
    if (n > appends) throw new Error('simulated crash');
  });
