// The contract of `truncateStreamBefore`: the oldest events of a log go, and nothing else moves.
import { randomUUID } from 'node:crypto';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { StreamNotPrunable, WrongExpectedRevision } from '../errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.js';
import { rejection } from './awaited.js';
import { readAll, readStream } from './contract-reads.js';

const log = 'providers-issuance-org-1';
const otherLog = 'providers-issuance-org-2';
const decisions = 'providers-org-org-1';

const records = (count: number, from = 1): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'CredentialsIssued', data: { n: from + i }, metadata: { n: from + i } }));

/** Two logs and a decision stream, their events interleaved in the global order. */
const given = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  await store.append(log, records(2), 'any');
  await store.append(decisions, records(2), 0n);
  await store.append(otherLog, records(3), 'any');
  await store.append(log, records(3, 3), 'any');
  await store.append(decisions, records(1, 3), 2n);
  return readAll(store);
};

const without = (all: readonly RecordedEvent[], stream: string, below: bigint) =>
  all.filter((event) => event.stream !== stream || event.revision >= below);

/** Registers the truncation tests on the event-store contract's suite. */
export const truncationContract = (test: Test, withStore: (body: (store: EventStore) => Promise<void>) => Promise<void>): void => {
  test('truncateStreamBefore removes a log\'s events below the cut; every other event keeps its revision and position', () =>
    withStore(async (store) => {
      const before = await given(store);
      const head = await store.headPosition();
      await store.truncateStreamBefore(log, 4n);
      const after = without(before, log, 4n);
      assert.equal(await readAll(store), after);
      assert.equal((await readStream(store, log)).map((e) => e.revision), [4n, 5n]);
      assert.equal(await readStream(store, log), after.filter((e) => e.stream === log));
      assert.equal(await readStream(store, log, { after: 1n }), after.filter((e) => e.stream === log));
      assert.equal((await readStream(store, log, { after: 4n })).map((e) => e.revision), [5n]);
      assert.equal(await readStream(store, decisions), before.filter((e) => e.stream === decisions));
      assert.equal(await readStream(store, otherLog), before.filter((e) => e.stream === otherLog));
      assert.equal(await readAll(store, { filter: { streamPrefixes: ['providers-issuance-'] } }), after.filter((e) => e.stream !== decisions));
      assert.equal(await readAll(store, { after: before[0]!.position, upTo: before[5]!.position }), after.filter((e) => e.position > before[0]!.position && e.position <= before[5]!.position));
      assert.is(await store.headPosition(), head);
    }));

  test('truncateStreamBefore is idempotent, and a lower cut never brings events back', () =>
    withStore(async (store) => {
      const before = await given(store);
      await store.truncateStreamBefore(log, 4n);
      await store.truncateStreamBefore(log, 4n);
      await store.truncateStreamBefore(log, 2n);
      await store.truncateStreamBefore(log, 0n);
      assert.equal(await readAll(store), without(before, log, 4n));
    }));

  test('a cut past the end keeps the last event: the stream keeps its revision and its numbering goes on', () =>
    withStore(async (store) => {
      const before = await given(store);
      await store.truncateStreamBefore(log, 100n);
      assert.equal(await readStream(store, log), before.filter((e) => e.stream === log && e.revision === 5n));
      await rejection(store.append(log, records(1), 0n), WrongExpectedRevision);
      assert.is((await store.append(log, records(1), 5n)).revision, 6n);
      assert.is((await store.append(log, records(1), 'any')).revision, 7n);
      assert.equal((await readStream(store, log)).map((e) => e.revision), [5n, 6n, 7n]);
      const all = await readAll(store);
      assert.equal(all.slice(0, -2), without(before, log, 5n));
      assert.ok(all.at(-2)!.position > before.at(-1)!.position);
    }));

  test('truncating a missing log does nothing and creates nothing', () =>
    withStore(async (store) => {
      await store.truncateStreamBefore(log, 10n);
      assert.equal(await readAll(store), []);
      assert.is(await store.headPosition(), 0n);
      assert.is((await store.append(log, records(1), 0n)).revision, 1n);
    }));

  test('every stream that is not a log is refused with StreamNotPrunable, and keeps every event', () =>
    withStore(async (store) => {
      const before = await given(store);
      await store.append('providers-external-id-org-1', records(1), 0n);
      await store.append('providers-legacy-org-1', records(2), 0n);
      const all = await readAll(store);
      for (const stream of [decisions, 'providers-external-id-org-1', 'providers-legacy-org-1', 'providers-issuance-', 'providers-issuances-org-1', 'x-providers-issuance-org-1']) {
        const refused = await rejection(store.truncateStreamBefore(stream, 2n), StreamNotPrunable);
        assert.is(refused.stream, stream);
        assert.is(refused.field, 'stream');
      }
      assert.equal(await readAll(store), all);
      assert.equal(await readStream(store, decisions), before.filter((e) => e.stream === decisions));
    }));
};
