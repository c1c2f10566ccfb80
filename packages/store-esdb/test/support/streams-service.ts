/**
 * The `event_store.client.streams.Streams` service of the test server: Read
 * (streams, `$all`, both directions, counts, filters, and `$all`
 * subscriptions that send a confirmation, the backlog, `caught_up`, then live
 * events, with checkpoints when filtered), Append, BatchAppend, Delete and
 * Tombstone, with the real server's answers.
 */
import { status, type ServerDuplexStream, type ServerReadableStream, type ServerWritableStream, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { EsdbLog, ExpectedVersion, LogRecord, ProposedEvent, ReadFrom, WriteOutcome } from './esdb-log.js';
import { Any, codePb, sharedPb, statusPb, streamsGrpc, streamsPb } from './proto.js';
import {
  GoogleEmpty,
  eventResponse,
  expectedVersionOf,
  missingMetadataError,
  plainError,
  proposedEvent,
  streamDeletedError,
  streamIdentifier,
  streamName,
  uuidText,
  wrongExpectedVersionError,
} from './wire.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
type DeleteReq = InstanceType<typeof streamsPb.DeleteReq>;
type DeleteResp = InstanceType<typeof streamsPb.DeleteResp>;
type TombstoneReq = InstanceType<typeof streamsPb.TombstoneReq>;
type TombstoneResp = InstanceType<typeof streamsPb.TombstoneResp>;
type SubscriptionCall = ServerWritableStream<ReadReq, ReadResp>;

/** How the server behaves where EventStoreDB versions differ. */
export interface StreamsServiceOptions {
  /** Send `caught_up` when a subscription reaches the live end (servers from 23.10 do). */
  readonly sendsCaughtUp: boolean;
}

/** Failures a test asks for; each counter is used up one call at a time. */
export interface Faults {
  /** Fail the next calls with UNAVAILABLE before doing anything. */
  unavailable: number;
  /** Commit the next appends, then fail them with UNAVAILABLE, as when the answer is lost on the way. */
  loseAppendAnswers: number;
}

/** What the server has done so far. */
export interface ServerStats {
  /** Append requests (Append calls, BatchAppend writes), whatever became of them. */
  appendRequests: number;
  /** Events sent in answers to reads and subscriptions. */
  eventsSent: number;
}

/** The service implementation and control over its long-lived calls. */
export interface StreamsService {
  readonly implementation: import('@eventstore/db-client/generated/streams_grpc_pb.js').IStreamsServer;
  /** Ends every long-lived call (subscriptions, BatchAppend streams) cleanly, as a server shutting down does. */
  endLongLivedCalls(): void;
  /** Fails every live subscription with UNAVAILABLE while the server stays up, as a dropped connection does. */
  dropSubscriptions(): void;
}

// The server's default page size, which a filtered subscription's checkpoint interval multiplies.
const READ_BATCH_SIZE = 32;

/** Builds the Streams service over `log`. */
export const streamsService = (log: EsdbLog, options: StreamsServiceOptions, faults: Faults, stats: ServerStats): StreamsService => {
  const longLived = new Set<{ end(): void }>();
  const subscriptions = new Set<SubscriptionCall>();
  const injectedUnavailable = (): boolean => {
    if (faults.unavailable <= 0) return false;
    faults.unavailable -= 1;
    return true;
  };
  const answerLost = (): boolean => {
    if (faults.loseAppendAnswers <= 0) return false;
    faults.loseAppendAnswers -= 1;
    return true;
  };
  const sendEvent = (call: { write(response: ReadResp): boolean }, record: LogRecord, structuredIds: boolean): void => {
    stats.eventsSent += 1;
    call.write(eventResponse(record, structuredIds));
  };

  const read = (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    if (injectedUnavailable()) {
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
      subscribeToAll(call, readOptions, structuredIds, matches);
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

  const subscribeToAll = (call: SubscriptionCall, readOptions: ReadOptions, structuredIds: boolean, matches: (record: LogRecord) => boolean): void => {
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

  const append = (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let appendOptions: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: ProposedEvent[] = [];
    let invalid = false;
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) appendOptions = request.getOptions();
      const message = request.getProposedMessage();
      if (!message) return;
      const event = proposedEvent(message);
      if (event) events.push(event);
      else invalid = true;
    });
    call.on('end', () => {
      stats.appendRequests += 1;
      if (injectedUnavailable()) return callback(unavailableError());
      if (!appendOptions) return callback(plainError(status.INVALID_ARGUMENT, 'Append without options'));
      if (invalid) return callback(missingMetadataError());
      const stream = streamName(appendOptions.getStreamIdentifier());
      const expected = expectedVersionOf(appendOptions);
      const outcome = log.append(stream, expected, events);
      if (answerLost()) return callback(unavailableError());
      if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(stream));
      callback(null, appendResponse(outcome, expected));
    });
  };

  const batchAppend = (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { stream: string; expected: ExpectedVersion; events: ProposedEvent[]; invalid: boolean }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidText(request.getCorrelationId());
      const batchOptions = request.getOptions();
      if (batchOptions) {
        pending.set(correlationId, {
          stream: streamName(batchOptions.getStreamIdentifier()),
          expected: batchExpectedVersion(batchOptions),
          events: [],
          invalid: false,
        });
      }
      const write = pending.get(correlationId);
      if (!write) return;
      for (const message of request.getProposedMessagesList()) {
        const event = proposedEvent(message);
        if (event) write.events.push(event);
        else write.invalid = true;
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      stats.appendRequests += 1;
      // A lost answer breaks the whole BatchAppend stream, as a dropped connection does.
      if (injectedUnavailable()) {
        call.emit('error', unavailableError());
        return;
      }
      const response = new streamsPb.BatchAppendResp().setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(write.stream));
      if (write.invalid) {
        call.write(response.setError(new statusPb.Status().setCode(codePb.Code.INVALID_ARGUMENT).setMessage("Required Metadata Property 'type' is missing")));
        return;
      }
      const outcome = log.append(write.stream, write.expected, write.events);
      if (answerLost()) {
        call.emit('error', unavailableError());
        return;
      }
      call.write(batchAppendResponse(response, write.stream, write.expected, outcome));
    });
    longLived.add(call);
    const forget = () => longLived.delete(call);
    call.on('end', () => {
      forget();
      call.end();
    });
    call.on('cancelled', forget);
    call.on('error', () => {
      forget();
      pending.clear();
    });
  };

  const deleteStream = (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    if (injectedUnavailable()) return callback(unavailableError());
    const deleteOptions = call.request.getOptions();
    const stream = streamName(deleteOptions?.getStreamIdentifier());
    const expected = deleteOptions ? expectedVersionOf(deleteOptions) : ({ kind: 'any' } as const);
    const outcome = log.softDelete(stream, expected);
    if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(stream));
    if (outcome.kind === 'wrong-expected-version') return callback(wrongExpectedVersionError('Delete', stream, expected, outcome.current));
    const response = new streamsPb.DeleteResp();
    if (outcome.position === undefined) return callback(null, response.setNoPosition(new sharedPb.Empty()));
    const position = outcome.position.toString();
    callback(null, response.setPosition(new streamsPb.DeleteResp.Position().setCommitPosition(position).setPreparePosition(position)));
  };

  const tombstone = (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void => {
    if (injectedUnavailable()) return callback(unavailableError());
    const tombstoneOptions = call.request.getOptions();
    const stream = streamName(tombstoneOptions?.getStreamIdentifier());
    const expected = tombstoneOptions ? expectedVersionOf(tombstoneOptions) : ({ kind: 'any' } as const);
    const outcome = log.tombstone(stream, expected);
    if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(stream));
    if (outcome.kind === 'wrong-expected-version') return callback(wrongExpectedVersionError('Delete', stream, expected, outcome.current));
    const response = new streamsPb.TombstoneResp();
    if (outcome.position === undefined) return callback(null, response.setNoPosition(new sharedPb.Empty()));
    const position = outcome.position.toString();
    callback(null, response.setPosition(new streamsPb.TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position)));
  };

  return {
    implementation: { read, append, batchAppend, delete: deleteStream, tombstone },
    endLongLivedCalls: () => {
      for (const call of [...longLived]) call.end();
      longLived.clear();
    },
    dropSubscriptions: () => {
      for (const call of [...subscriptions]) call.emit('error', unavailableError());
    },
  };
};

const unavailableError = () => plainError(status.UNAVAILABLE, 'the test server was told to fail this call');

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

const batchExpectedVersion = (options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): ExpectedVersion => {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

// Since 20.6 a wrong expected version is part of the Append response, not an error status.
const appendResponse = (outcome: Exclude<WriteOutcome, { kind: 'stream-deleted' }>, expected: ExpectedVersion): AppendResp => {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'success') {
    const success = new streamsPb.AppendResp.Success();
    if (outcome.lastRevision === undefined) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(outcome.lastRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
    else success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
    return response.setSuccess(success);
  }
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
  else wrong.setCurrentRevision(outcome.current.toString()).setCurrentRevision2060(Number(outcome.current));
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new sharedPb.Empty());
      break;
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
      break;
  }
  return response.setWrongExpectedVersion(wrong);
};

// BatchAppend reports failures as a google.rpc.Status whose details pack the EventStoreDB error message.
const batchAppendResponse = (response: BatchAppendResp, stream: string, expected: ExpectedVersion, outcome: WriteOutcome): BatchAppendResp => {
  switch (outcome.kind) {
    case 'success': {
      const success = new streamsPb.BatchAppendResp.Success();
      if (outcome.lastRevision === undefined) success.setNoStream(new GoogleEmpty());
      else success.setCurrentRevision(outcome.lastRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new GoogleEmpty());
      else success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
      return response.setSuccess(success);
    }
    case 'stream-deleted':
      return response.setError(
        packedStatus(codePb.Code.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(stream)), 'StreamDeleted'),
      );
    case 'wrong-expected-version': {
      const details = new sharedPb.WrongExpectedVersion();
      if (outcome.current === undefined) details.setCurrentNoStream(new GoogleEmpty());
      else details.setCurrentStreamRevision(outcome.current.toString());
      switch (expected.kind) {
        case 'any':
          details.setExpectedAny(new GoogleEmpty());
          break;
        case 'stream_exists':
          details.setExpectedStreamExists(new GoogleEmpty());
          break;
        case 'no_stream':
          details.setExpectedNoStream(new GoogleEmpty());
          break;
        case 'revision':
          details.setExpectedStreamPosition(expected.revision.toString());
          break;
      }
      return response.setError(packedStatus(codePb.Code.FAILED_PRECONDITION, 'Wrong expected version', details, 'WrongExpectedVersion'));
    }
  }
};

const packedStatus = (code: number, message: string, details: { serializeBinary(): Uint8Array }, typeName: string) => {
  const any = new Any();
  any.pack(details.serializeBinary(), `event_store.client.${typeName}`);
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(any);
};

/** The generated service definition the implementation above serves. */
export const streamsServiceDefinition = streamsGrpc.StreamsService;
