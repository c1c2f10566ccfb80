// Retention of the issuance log: given an org's records of different ages, when it is pruned of
// those older than an age, then exactly those go, on an in-memory store and on a SQLite file,
// and the decision stream, the other orgs' logs and every position stay as they were.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore, type EventStore, type RecordedEvent } from '@providers/store';
import { SqliteEventStore } from '@providers/store-sqlite';
import { createIssuanceLog } from '../src/issuance-log.js';
import { issuanceStream, type Issuance } from '../src/issuance.js';
import { InvalidIssuancePrune, pruneIssuance } from '../src/issuance-retention.js';

const dir = mkdtempSync(join(tmpdir(), 'providers-retention-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const now = Date.parse('2026-12-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * DAY).toISOString();

const issuance = (orgId: string, occurredAt: string, stage: string): Issuance => ({
  orgId,
  actor: 'alice',
  client: 'cli',
  request: { app: 'shop', service: 'api', stage, type: 'aws' },
  providerId: 'prv-1',
  providerName: 'Production AWS',
  accountId: '123456789012',
  kind: 'static-keys',
  fromCache: false,
  occurredAt,
});

const readAll = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readAll()) events.push(...page);
  return events;
};

/** Records 200, 120, 91, 89 and 10 days old in org-1 (one at a time, in that order), decisions between them, and org-2's. */
const given = async (store: EventStore) => {
  const log = createIssuanceLog(store);
  await store.append('providers-org-org-1', [{ eventId: randomUUID(), type: 'ProviderAdded', data: { n: 1 }, metadata: {} }], 0n);
  for (const [i, age] of [200, 120, 91, 89, 10].entries()) {
    await log.record(issuance('org-1', daysAgo(age), `s${age}`));
    await log.record(issuance('org-2', daysAgo(age), `s${age}`));
    if (i === 2) await store.append('providers-org-org-1', [{ eventId: randomUUID(), type: 'ProviderRenamed', data: { n: 2 }, metadata: {} }], 1n);
  }
  return log;
};

const stores: Array<[string, () => EventStore]> = [
  ['memory', () => new MemoryEventStore()],
  ['SQLite', () => SqliteEventStore.open(join(dir, `${randomUUID()}.db`))],
];

for (const [name, open] of stores) {
  const test = suite(`pruneIssuance on ${name}`);

  test('records older than the age go; younger ones, the decisions, the other org and every position stay', async () => {
    const store = open();
    try {
      const log = await given(store);
      const before = await readAll(store);
      const pruned = await pruneIssuance(store, { orgId: 'org-1', olderThan: '90d', now });
      assert.equal(pruned, { orgId: 'org-1', cutoff: daysAgo(90), pruned: 3, kept: 2 });
      assert.equal((await log.read('org-1')).map((r) => r.request.stage), ['s89', 's10']);
      const gone = (e: RecordedEvent) => e.stream === issuanceStream('org-1') && e.revision <= 3n;
      assert.equal(await readAll(store), before.filter((e) => !gone(e)));
      assert.is((await log.read('org-2')).length, 5);

      assert.equal(await pruneIssuance(store, { orgId: 'org-1', olderThan: '90d', now }), { ...pruned, pruned: 0 }, 'again: nothing more');
      assert.is((await pruneIssuance(store, { orgId: 'org-1', olderThan: '2160h', now })).pruned, 0, '2160h is 90 days');
      assert.equal(await readAll(store), before.filter((e) => !gone(e)));
    } finally {
      await store.close();
    }
  });

  test('every record older: the newest one stays, and new records follow it', async () => {
    const store = open();
    try {
      const log = await given(store);
      assert.equal(await pruneIssuance(store, { orgId: 'org-1', olderThan: '1d', now }), { orgId: 'org-1', cutoff: daysAgo(1), pruned: 4, kept: 1 });
      await log.record(issuance('org-1', daysAgo(0), 'today'));
      assert.equal((await log.read('org-1')).map((r) => r.request.stage), ['s10', 'today']);
    } finally {
      await store.close();
    }
  });

  test('a record out of time order is not a cut: nothing younger goes with an older one', async () => {
    const store = open();
    try {
      const log = createIssuanceLog(store);
      for (const age of [200, 30, 150, 5]) await log.record(issuance('org-1', daysAgo(age), `s${age}`));
      assert.is((await pruneIssuance(store, { orgId: 'org-1', olderThan: '90d', now })).pruned, 1);
      assert.equal((await log.read('org-1')).map((r) => r.request.stage), ['s30', 's150', 's5']);
    } finally {
      await store.close();
    }
  });

  test('an org without records prunes nothing, and writes nothing', async () => {
    const store = open();
    try {
      assert.equal(await pruneIssuance(store, { orgId: 'org-9', olderThan: '30d', now }), { orgId: 'org-9', cutoff: daysAgo(30), pruned: 0, kept: 0 });
      assert.equal(await readAll(store), []);
    } finally {
      await store.close();
    }
  });

  test('a prune that cannot be understood is refused naming its field, and removes nothing', async () => {
    const store = open();
    try {
      await given(store);
      const before = await readAll(store);
      const refusals: Array<[Parameters<typeof pruneIssuance>[1], string]> = [
        [{ orgId: 'org-1', olderThan: '90', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: '0d', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: '-5d', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: '1.5d', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: '36501d', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: ' 90d', now }, 'olderThan'],
        [{ orgId: 'org-1', olderThan: '90d', now: Number.NaN }, 'now'],
        [{ orgId: '../org-1', olderThan: '90d', now }, 'orgId'],
        [{ orgId: '', olderThan: '90d', now }, 'orgId'],
      ];
      for (const [prune, field] of refusals) {
        try {
          await pruneIssuance(store, prune);
          assert.unreachable(`${JSON.stringify(prune)} was accepted`);
        } catch (error) {
          assert.instance(error, InvalidIssuancePrune);
          assert.is((error as InvalidIssuancePrune).field, field, JSON.stringify(prune));
        }
      }
      assert.equal(await readAll(store), before);
    } finally {
      await store.close();
    }
  });

  test.run();
}
