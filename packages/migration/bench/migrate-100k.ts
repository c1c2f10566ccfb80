// How long migrating 100k legacy records takes: run with
//   node --import tsx packages/migration/bench/migrate-100k.ts [records]
// A measurement, not a test: it prints timings and asserts only that a second run appends nothing.
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import { MemoryEventStore } from '@providers/store';
import { importLegacyExport, migrate } from '../src/index.js';

const RECORDS = Number(process.argv[2] ?? 100_000);
const PROFILES = 200;
const APPS = 2000;
const SERVICES_PER_APP = 10;
const MAPPED = ['default', 'prod', 'staging'];
const DEPLOYED = [
  ['dev', 'us-east-1'],
  ['staging', 'us-east-1'],
  ['prod', 'us-east-1'],
  ['prod', 'eu-west-1'],
  ['qa', undefined],
] as const;

/** A deterministic legacy org of `RECORDS` records: profiles + stage mappings + deployed instances. */
const legacyExport = () => {
  const deploymentProfiles = Array.from({ length: PROFILES }, (_, i) => ({
    id: `p-${i}`,
    name: `profile ${i % 150}`,
    // Every tenth profile has no role; some share a role (same account and name).
    ...(i % 10 === 9 ? {} : { awsAccessRoleArn: `arn:aws:iam::${String(100000000000 + (i % 170)).padStart(12, '0')}:role/deploy` }),
  }));
  let left = RECORDS - PROFILES - APPS * MAPPED.length;
  const apps = Array.from({ length: APPS }, (_, a) => ({
    name: `app-${a}`,
    stages: Object.fromEntries(MAPPED.map((stage, s) => [stage, `p-${(a * 7 + s * 13) % PROFILES}`])),
    services: Array.from({ length: SERVICES_PER_APP }, (_, s) => ({
      name: `service-${s}`,
      instances: DEPLOYED.slice(0, Math.max(0, Math.min(DEPLOYED.length, (left -= DEPLOYED.length) >= 0 ? DEPLOYED.length : left + DEPLOYED.length))).map(
        ([stage, region]) => ({ stage, ...(region ? { region } : {}) }),
      ),
    })),
  }));
  const instances = apps.reduce((n, app) => n + app.services.reduce((m, s) => m + s.instances.length, 0), 0);
  return { legacy: { org: 'bench', deploymentProfiles, apps }, records: PROFILES + APPS * MAPPED.length + instances };
};

const actor = { id: 'migration', role: 'system' as const };
const issuedAt = new Date().toISOString();
const options = { actor, issuedAt, externalIdFor: () => 'bench-migrated-roles' };

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
};

const { legacy, records } = legacyExport();
const store = new MemoryEventStore();

const [imported, importMs] = await timed(() => importLegacyExport(new CommandHandler(store), legacy, { actor, issuedAt }));
if (E.isLeft(imported)) throw new Error(imported.left.message);
const [dry, dryMs] = await timed(() => migrate(new CommandHandler(store), 'bench', { ...options, dryRun: true }));
// Each run starts cold, as a new process would: replay the org's stream, plan, run.
const [first, firstMs] = await timed(() => migrate(new CommandHandler(store), 'bench', options));
const [second, secondMs] = await timed(() => migrate(new CommandHandler(store), 'bench', options));
if (E.isLeft(dry) || E.isLeft(first) || E.isLeft(second)) throw new Error('the migration was rejected');
if (second.right.eventsAppended !== 0) throw new Error(`the second run appended ${second.right.eventsAppended} events`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`legacy records:            ${records} (${PROFILES} profiles, ${APPS * MAPPED.length} stage mappings, ${records - PROFILES - APPS * MAPPED.length} instances)`);
console.log(`import (legacy events):    ${seconds(importMs)}  ${imported.right.eventsAppended} events`);
console.log(`dry run (replay + plan):   ${seconds(dryMs)}  ${dry.right.commandsPending} commands planned`);
console.log(`migration, first run:      ${seconds(firstMs)}  ${first.right.eventsAppended} events, replay included (${first.right.providersCreated.length} providers created, ${first.right.providersReused.length} reused, ${first.right.links.length} links, ${first.right.skipped.length} skipped)`);
console.log(`migration, second run:     ${seconds(secondMs)}  ${second.right.eventsAppended} events (replay from the store, nothing to do)`);
