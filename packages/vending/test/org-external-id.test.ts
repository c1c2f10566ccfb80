// The org's external id is one id for the org's life: two processes adding the first role of the
// same new orgs on one SQLite file end with one id per org, an id an admin chose for a role is
// never adopted as the org's, and once recorded it is the answer whatever the org's roles are.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore, type EventStore, type RecordedEvent } from '@providers/store';
import { SqliteEventStore } from '@providers/store-sqlite';
import { IamTemplateInputInvalid } from '../src/errors.js';
import {
  externalIdStream,
  generateExternalId,
  keepOrgExternalId,
  orgExternalIdForRoles,
  proposedOrgExternalId,
  recordedExternalId,
} from '../src/org-external-id.js';

const dir = mkdtempSync(join(tmpdir(), 'providers-external-id-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const writerScript = fileURLToPath(new URL('./fixtures/external-id-writer.ts', import.meta.url));
const ORGS = 40;

interface WriterOutput {
  readonly first: string[];
  readonly kept: boolean[];
  readonly final: string[];
}

const readAll = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readAll()) events.push(...page);
  return events;
};

/** A writer process: each step resolves once it printed its line; `next()` lets it take the next step. */
const startWriter = (path: string) => {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, path, String(ORGS)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting = new Map<string, () => void>();
  const printed = (line: string) => new Promise<void>((resolve) => waiting.set(line, resolve));
  const ready = printed('ready');
  const proposed = printed('proposed');
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    for (const [line, resolve] of waiting) if (stdout.split('\n').includes(line)) resolve();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<WriterOutput>((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`writer exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.split('\n')[2]!) as WriterOutput);
    }),
  );
  // A writer that dies early must not leave the test waiting for a line it will never print.
  const orDied = (step: Promise<void>) => Promise.race([step, done.then(() => {})]);
  return { ready: orDied(ready), proposed: orDied(proposed), propose: () => child.stdin.write('go\n'), keep: () => child.stdin.end('go\n'), done };
};

test('two processes adding the first role of the same new orgs, both proposing before either keeps: one external id per org, recorded once', async () => {
  const path = join(dir, 'two-processes.db');
  await SqliteEventStore.open(path).close();
  const writers = [startWriter(path), startWriter(path)];
  await Promise.all(writers.map((writer) => writer.ready));
  for (const writer of writers) writer.propose();
  await Promise.all(writers.map((writer) => writer.proposed));
  for (const writer of writers) writer.keep();
  const [a, b] = (await Promise.all(writers.map((writer) => writer.done))) as [WriterOutput, WriterOutput];

  const store = SqliteEventStore.open(path);
  try {
    const events = await readAll(store);
    assert.is(events.length, ORGS, 'one record per org');
    for (let i = 0; i < ORGS; i++) {
      const orgId = `org-${i}`;
      assert.is.not(a.first[i], b.first[i], `${orgId}: each process proposed an id of its own`);
      assert.is(a.kept[i] !== b.kept[i], true, `${orgId}: exactly one proposal was kept`);
      const winner = a.kept[i] ? a.first[i] : b.first[i];
      assert.is(a.final[i], winner, orgId);
      assert.is(b.final[i], winner, orgId);
      assert.is(await recordedExternalId(store, orgId), winner);
      assert.equal(events.filter((e) => e.stream === externalIdStream(orgId)).map((e) => e.revision), [1n]);
    }
  } finally {
    await store.close();
  }
});

test('proposing writes nothing; keeping records the first proposal only, and a later proposal is the recorded one', async () => {
  const store = new MemoryEventStore();
  const [first, second] = await Promise.all([proposedOrgExternalId(store, 'acme', []), proposedOrgExternalId(store, 'acme', [])]);
  assert.equal(await readAll(store), []);
  assert.is(await keepOrgExternalId(store, 'acme', first!), true);
  assert.is(await keepOrgExternalId(store, 'acme', second!), false);
  assert.is(await keepOrgExternalId(store, 'acme', first!), true, 'keeping the recorded id again is fine');
  assert.is(await proposedOrgExternalId(store, 'acme', [generateExternalId('acme')]), first);
  assert.is((await readAll(store)).length, 1);
});

test('concurrent orgExternalIdForRoles calls agree, and later calls answer the recorded id whatever the roles say (or when none is left)', async () => {
  const store = new MemoryEventStore();
  const ids = await Promise.all(Array.from({ length: 8 }, () => orgExternalIdForRoles(store, 'acme', [])));
  assert.is(new Set(ids).size, 1);
  assert.is(await orgExternalIdForRoles(store, 'acme', [generateExternalId('acme')]), ids[0]);
  assert.is(await orgExternalIdForRoles(store, 'acme', []), ids[0]);
  assert.is((await readAll(store)).length, 1);
});

test('an org whose roles predate the record adopts the first id the system generated for it, never an id an admin chose', async () => {
  const store = new MemoryEventStore();
  const generated = generateExternalId('acme');
  assert.is(await orgExternalIdForRoles(store, 'acme', ['chosen-by-admin', generateExternalId('other'), generated, generateExternalId('acme')]), generated);
  const chosen = await orgExternalIdForRoles(store, 'newco', ['newco-chosen', `newco-${'A'.repeat(32)}`, 'x']);
  assert.match(chosen, /^newco-[0-9a-f]{32}$/);
  assert.is(await recordedExternalId(store, 'newco'), chosen);
});

test('a malformed org id or external id is refused naming the field, and nothing is recorded', async () => {
  const store = new MemoryEventStore();
  const refusals: Array<[() => Promise<unknown>, string]> = [
    ...['', '../acme', 'a'.repeat(65)].flatMap((orgId): Array<[() => Promise<unknown>, string]> => [
      [() => orgExternalIdForRoles(store, orgId, []), 'orgId'],
      [() => proposedOrgExternalId(store, orgId, []), 'orgId'],
      [() => keepOrgExternalId(store, orgId, 'acme-0123'), 'orgId'],
    ]),
    [() => keepOrgExternalId(store, 'acme', 'x'), 'externalId'],
    [() => keepOrgExternalId(store, 'acme', 'has space'), 'externalId'],
  ];
  for (const [call, field] of refusals) {
    try {
      await call();
      assert.unreachable(`accepted, ${field} should have been refused`);
    } catch (error) {
      assert.instance(error, IamTemplateInputInvalid);
      assert.is((error as IamTemplateInputInvalid).field, field);
    }
  }
  assert.equal(await readAll(store), []);
});

test.run();
