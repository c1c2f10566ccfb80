/**
 * The test server, seen through the raw client: the semantics the adapter
 * relies on. The same checks run against a real server when
 * EVENTSTORE_CONNECTION_STRING is set, which is how the test server is kept
 * honest.
 */
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rejection, within } from './support/fixtures.js';
import { startTestEsdbServer, type TestEsdbServer } from './support/test-esdb-server.js';

interface Target {
  readonly name: string;
  readonly sendsCaughtUp: boolean;
  start(): Promise<{ connectionString: string; stop(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'the test server',
    sendsCaughtUp: true,
    start: async () => {
      const server: TestEsdbServer = await startTestEsdbServer();
      return server;
    },
  },
];
const real = process.env.EVENTSTORE_CONNECTION_STRING;
if (real) targets.push({ name: 'EVENTSTORE_CONNECTION_STRING', sendsCaughtUp: false, start: async () => ({ connectionString: real, stop: async () => {} }) });
else console.log('the same checks against a real server: skipped, EVENTSTORE_CONNECTION_STRING is not set');

const event = (id: string = randomUUID()) => jsonEvent({ id, type: 'Checked', data: { id } });

const collect = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const events: E[] = [];
  for await (const item of read) events.push(item);
  return events;
};
const revisions = (events: ResolvedEvent[]) => events.map((resolved) => resolved.event!.revision);

for (const target of targets) {
  const test = suite<{ client: EventStoreDBClient; stop(): Promise<void>; stream(name: string): string }>(`EventStoreDB semantics on ${target.name}`);

  test.before.each(async (context) => {
    const server = await target.start();
    context.client = EventStoreDBClient.connectionString(server.connectionString);
    context.stop = server.stop;
    const run = randomUUID();
    context.stream = (name) => `fidelity-${name}-${run}`;
  });
  test.after.each(async ({ client, stop }) => {
    await client.dispose();
    await stop();
  });

  test('expected revisions: no_stream, stream_exists, exact, any', async ({ client, stream }) => {
    const s = stream('expected');
    await rejection(client.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS }), WrongExpectedVersionError);
    assert.is((await client.appendToStream(s, event(), { expectedRevision: NO_STREAM })).nextExpectedRevision, 0n);
    const again = await rejection(client.appendToStream(s, event(), { expectedRevision: NO_STREAM }), WrongExpectedVersionError);
    assert.is(again.actualVersion, 0n);
    assert.is(again.expectedVersion, NO_STREAM);
    assert.is((await client.appendToStream(s, [event(), event()], { expectedRevision: 0n })).nextExpectedRevision, 2n);
    const stale = await rejection(client.appendToStream(s, event(), { expectedRevision: 0n }), WrongExpectedVersionError);
    assert.is(stale.actualVersion, 2n);
    assert.is(stale.expectedVersion, 0n);
    assert.is((await client.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision, 3n);
    assert.is((await client.appendToStream(s, event(), { expectedRevision: ANY })).nextExpectedRevision, 4n);
  });

  test('the same event ids at the same expected revision are a retry: same answer, stored once', async ({ client, stream }) => {
    const s = stream('idempotent');
    const batch = [event(), event()];
    const first = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
    const retry = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
    assert.equal(retry, first);
    assert.equal(revisions(await collect(client.readStream(s))), [0n, 1n]);
  });

  test('positions: commit = prepare, the append reports the last event, $all forwards includes the start, backwards excludes it', async ({ client, stream }) => {
    const s = stream('positions');
    const result = await client.appendToStream(s, [event(), event(), event()]);
    const own = await collect(client.readStream(s));
    const positions = own.map((resolved) => resolved.event!.position!);
    assert.ok(positions.every((position) => position.commit === position.prepare));
    assert.equal(result.position, positions[2]);
    assert.ok(positions[0]!.commit < positions[1]!.commit && positions[1]!.commit < positions[2]!.commit);
    const forwards = await collect(client.readAll({ fromPosition: positions[1]!, maxCount: 2 }));
    assert.equal(forwards.map((resolved) => resolved.event!.id), [own[1]!.event!.id, own[2]!.event!.id]);
    const backwards = await collect(client.readAll({ fromPosition: positions[1]!, direction: BACKWARDS, maxCount: 1 }));
    assert.equal(backwards.map((resolved) => resolved.event!.id), [own[0]!.event!.id]);
    assert.equal(revisions(await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }))), [2n, 1n]);
    assert.equal(revisions(await collect(client.readStream(s, { fromRevision: 1n }))), [1n, 2n]);
  });

  test('a soft-deleted stream reads as not found, and a new append continues its numbering', async ({ client, stream }) => {
    const s = stream('soft');
    await client.appendToStream(s, [event(), event()]);
    await client.deleteStream(s);
    await rejection(collect(client.readStream(s)), StreamNotFoundError);
    assert.is((await client.appendToStream(s, event(), { expectedRevision: ANY })).nextExpectedRevision, 2n);
    assert.equal(revisions(await collect(client.readStream(s))), [2n]);
  });

  test('a tombstoned stream fails reads and appends with StreamDeletedError', async ({ client, stream }) => {
    const s = stream('tombstone');
    await client.appendToStream(s, event());
    await client.tombstoneStream(s);
    await rejection(collect(client.readStream(s)), StreamDeletedError);
    await rejection(client.appendToStream(s, event()), StreamDeletedError);
  });

  test('subscribeToAll from a position starts after it; a filtered one reports checkpoints', async ({ client, stream }) => {
    const s = stream('subscribed');
    const noise = `noise-${s}`;
    await client.appendToStream(noise, Array.from({ length: 5 }, () => event()));
    const first = await client.appendToStream(s, event());
    const second = event();
    await client.appendToStream(s, second);
    let checkpoints = 0;
    const subscription = client.subscribeToAll({
      fromPosition: first.position!,
      filter: streamNameFilter({ prefixes: [s], checkpointInterval: 1, maxSearchWindow: 1, checkpointReached: () => void (checkpoints += 1) }),
    });
    let caughtUp = false;
    subscription.on('caughtUp', () => (caughtUp = true));
    const events = subscription[Symbol.asyncIterator]();
    const next = async (what: string) => (await within(5_000, events.next(), what)).value as AllStreamResolvedEvent;
    assert.is((await next('the first event')).event!.id, second.id);
    await client.appendToStream(noise, Array.from({ length: 5 }, () => event()));
    const live = event();
    await client.appendToStream(s, live);
    assert.is((await next('the live event')).event!.id, live.id);
    assert.ok(checkpoints > 0, 'no checkpoint reached');
    if (target.sendsCaughtUp) assert.ok(caughtUp, 'no caught-up');
    await subscription.unsubscribe();
    const fromStart = client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [s] }) });
    const firstOfAll = await within(5_000, fromStart[Symbol.asyncIterator]().next(), 'from the start');
    assert.is((firstOfAll.value as AllStreamResolvedEvent).event!.streamId, s);
    await fromStart.unsubscribe();
  });

  test.run();
}
