// Delete (soft) and Tombstone on the test server: the same options and the same answer, a different change to the log.
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import type { ExpectedVersion, WriteOutcome } from './esdb-log.js';
import { sharedPb, streamsPb } from './proto.js';
import { unavailableError, type StreamsContext } from './streams-context.js';
import { expectedVersionOf, streamDeletedError, streamName, wrongExpectedVersionError } from './wire.js';

type RemovalReq = InstanceType<typeof streamsPb.DeleteReq> | InstanceType<typeof streamsPb.TombstoneReq>;

/** Where a removal landed in `$all`, as its answer's Position message says it. */
interface PositionMessage<P> {
  setCommitPosition(position: string): P;
  setPreparePosition(position: string): P;
}

/** An answer to a removal: the position of the deletion, or none. */
interface RemovalResponse<Resp, P> {
  setNoPosition(none: InstanceType<typeof sharedPb.Empty>): Resp;
  setPosition(position: P): Resp;
}

/**
 * A handler that applies `remove` to the stream the request names; both answer
 * a wrong expected version as the real server does for Delete.
 */
const removal =
  <Req extends RemovalReq, Resp extends RemovalResponse<Resp, P>, P extends PositionMessage<P>>(
    { injectedUnavailable }: StreamsContext,
    remove: (stream: string, expected: ExpectedVersion) => WriteOutcome,
    Response: new () => Resp,
    Position: new () => P,
  ) =>
  (call: ServerUnaryCall<Req, Resp>, callback: sendUnaryData<Resp>): void => {
    if (injectedUnavailable()) return callback(unavailableError());
    const removalOptions = call.request.getOptions();
    const stream = streamName(removalOptions?.getStreamIdentifier());
    const expected = removalOptions ? expectedVersionOf(removalOptions) : ({ kind: 'any' } as const);
    const outcome = remove(stream, expected);
    if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(stream));
    if (outcome.kind === 'wrong-expected-version') return callback(wrongExpectedVersionError('Delete', stream, expected, outcome.current));
    const response = new Response();
    if (outcome.position === undefined) return callback(null, response.setNoPosition(new sharedPb.Empty()));
    const position = outcome.position.toString();
    callback(null, response.setPosition(new Position().setCommitPosition(position).setPreparePosition(position)));
  };

/** The Delete and Tombstone handlers. */
export const removalHandlers = (context: StreamsContext) => ({
  delete: removal(context, (stream, expected) => context.log.softDelete(stream, expected), streamsPb.DeleteResp, streamsPb.DeleteResp.Position),
  tombstone: removal(context, (stream, expected) => context.log.tombstone(stream, expected), streamsPb.TombstoneResp, streamsPb.TombstoneResp.Position),
});
