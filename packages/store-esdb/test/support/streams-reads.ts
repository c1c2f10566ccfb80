// Read on the test server: streams and `$all` in both directions, with counts and filters, and subscriptions to `$all`.
import { status } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { LogRecord, ReadFrom } from './esdb-log.js';
import { streamsPb } from './proto.js';
import { unavailableError, type StreamsContext, type SubscriptionCall } from './streams-context.js';
import { plainError, streamDeletedError, streamIdentifier, streamName } from './wire.js';

type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

// The server's default page size, which a filtered subscription's checkpoint interval multiplies.
const READ_BATCH_SIZE = 32;

/** The Read handler: a page of a stream or of `$all`, or a subscription to `$all`. */
export const readHandler = (context: StreamsContext) => {
  const { log, sendEvent } = context;
  const subscribe = subscribeToAll(context);
  return (call: SubscriptionCall): void => {
    if (context.injectedUnavailable()) {
      call.emit('error', unavailableError());
      return;
    }
    const readOptions = call.request.getOptions();
    if (!readOptions) {
      call.emit('error', plainError(status.INVALID_ARGUMENT, 'Read request without options'));
      return;
    }
    const structuredIds = readOptions.getUuidOption()?.hasStructured() ?? false;
    const matches = recordFilter(readOptions);
    if (readOptions.hasSubscription()) {
      if (!readOptions.hasAll()) {
        call.emit('error', plainError(status.UNIMPLEMENTED, 'the test server only implements subscriptions to $all'));
        return;
      }
      subscribe(call, readOptions, structuredIds, matches);
      return;
    }
    const direction = readOptions.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
    const count = BigInt(readOptions.getCount() || '0');
    const all = readOptions.getAll();
    if (all) {
      const from: ReadFrom = all.hasStart() ? 'start' : all.hasEnd() ? 'end' : BigInt(all.getPosition()?.getCommitPosition() ?? '0');
      for (const record of log.readAll(from, direction, count, matches)) sendEvent(call, record, structuredIds);
      call.end();
      return;
    }
    const streamOptions = readOptions.getStream();
    const stream = streamName(streamOptions?.getStreamIdentifier());
    const from: ReadFrom = streamOptions?.hasRevision() ? BigInt(streamOptions.getRevision()) : streamOptions?.hasEnd() ? 'end' : 'start';
    const outcome = log.readStream(stream, from, direction, count);
    switch (outcome.kind) {
      case 'deleted':
        call.emit('error', streamDeletedError(stream));
        return;
      case 'not-found':
        call.write(new streamsPb.ReadResp().setStreamNotFound(new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(stream))));
        call.end();
        return;
      case 'events':
        for (const record of outcome.records) sendEvent(call, record, structuredIds);
        call.end();
        return;
    }
  };
};

/** A subscription to `$all`: a confirmation, the backlog, `caught_up` where the version sends it, then live events, with checkpoints when filtered. */
const subscribeToAll =
  ({ log, options, longLived, subscriptions, sendEvent }: StreamsContext) =>
  (call: SubscriptionCall, readOptions: ReadOptions, structuredIds: boolean, matches: (record: LogRecord) => boolean): void => {
    const all = readOptions.getAll()!;
    const filter = readOptions.getFilter();
    const checkpointEvery = filter
      ? (filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE) * Math.max(1, filter.getCheckpointintervalmultiplier())
      : undefined;
    let considered = 0;
    const deliver = (record: LogRecord): void => {
      if (matches(record)) sendEvent(call, record, structuredIds);
      if (checkpointEvery === undefined) return;
      considered += 1;
      if (considered >= checkpointEvery) {
        considered %= checkpointEvery;
        const position = record.position.toString();
        call.write(new streamsPb.ReadResp().setCheckpoint(new streamsPb.ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position)));
      }
    };
    call.write(new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    // A subscription from a position starts after the event at that position.
    const backlog = all.hasEnd() ? [] : log.recordsAfter(all.hasStart() ? 'start' : BigInt(all.getPosition()?.getCommitPosition() ?? '0'));
    for (const record of backlog) deliver(record);
    if (options.sendsCaughtUp) call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
    const unlisten = log.listen(deliver);
    longLived.add(call);
    subscriptions.add(call);
    const stop = () => {
      unlisten();
      longLived.delete(call);
      subscriptions.delete(call);
    };
    call.on('cancelled', stop);
    call.on('finish', stop);
    call.on('error', stop);
  };

/** The record predicate of a read's filter options (stream name or event type, by prefixes or regex). */
const recordFilter = (readOptions: ReadOptions): ((record: LogRecord) => boolean) => {
  const filter = readOptions.getFilter();
  if (!filter) return () => true;
  const byStream = filter.hasStreamIdentifier();
  const expression = byStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return () => true;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const subject = byStream ? record.stream : record.type;
    if (regex) return regex.test(subject);
    return prefixes.some((prefix) => subject.startsWith(prefix));
  };
};
