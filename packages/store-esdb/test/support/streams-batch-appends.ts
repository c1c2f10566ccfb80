// BatchAppend on the test server: one duplex stream carrying many writes, each answered by its correlation id.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { ExpectedVersion, ProposedEvent, WriteOutcome } from './esdb-log.js';
import { Any, codePb, sharedPb, statusPb, streamsPb } from './proto.js';
import { unavailableError, type StreamsContext } from './streams-context.js';
import { GoogleEmpty, proposedEvent, streamIdentifier, streamName, uuidText } from './wire.js';

type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;

/** The BatchAppend handler. */
export const batchAppendHandler =
  ({ log, stats, longLived, injectedUnavailable, answerLost }: StreamsContext) =>
  (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
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

const batchExpectedVersion = (options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): ExpectedVersion => {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
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
