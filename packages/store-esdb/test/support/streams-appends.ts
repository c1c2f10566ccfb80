// Append on the test server: one client stream of events for one stream, one answer.
import { status, type ServerReadableStream, type sendUnaryData } from '@grpc/grpc-js';
import type { ExpectedVersion, ProposedEvent, WriteOutcome } from './esdb-log.js';
import { sharedPb, streamsPb } from './proto.js';
import { unavailableError, type StreamsContext } from './streams-context.js';
import { expectedVersionOf, missingMetadataError, plainError, proposedEvent, streamDeletedError, streamName } from './wire.js';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;

/** The Append handler. */
export const appendHandler =
  ({ log, stats, injectedUnavailable, answerLost }: StreamsContext) =>
  (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
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
