/**
 * Conversions between the test server's log and the wire messages of the
 * EventStoreDB gRPC API, and the error shapes the real server sends (status
 * code plus `exception` trailers, which the client turns into its typed errors).
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import type { ExpectedVersion, LogRecord, ProposedEvent } from './esdb-log.js';
import { sharedPb, streamsPb } from './proto.js';

type UUID = InstanceType<typeof sharedPb.UUID>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

const require = createRequire(import.meta.url);

/** google.protobuf.Empty, which BatchAppend and the shared error details use instead of the API's own Empty. */
export const { Empty: GoogleEmpty } = require('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: new () => NonNullable<ReturnType<InstanceType<typeof sharedPb.WrongExpectedVersion>['getCurrentNoStream']>>;
};

/** The UUID's canonical text, whichever of its two wire forms was used. */
export const uuidText = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (!structured) return '';
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** A UUID in the form the client asked for. */
export const uuidMessage = (text: string, structured: boolean): UUID => {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(text);
  const bytes = Buffer.from(text.replaceAll('-', ''), 'hex');
  const parts = new sharedPb.UUID.Structured();
  parts.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  parts.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return uuid.setStructured(parts);
};

/** A stream identifier message. */
export const streamIdentifier = (stream: string): InstanceType<typeof sharedPb.StreamIdentifier> =>
  new sharedPb.StreamIdentifier().setStreamName(Buffer.from(stream, 'utf8'));

/** The stream name a stream identifier carries. */
export const streamName = (identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

/** A proposed message as an event for the log; `undefined` when it lacks a required metadata property. */
export const proposedEvent = (message: ProposedMessage): ProposedEvent | undefined => {
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (type === undefined || contentType === undefined) return undefined;
  return {
    eventId: uuidText(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/** A read response carrying one record. */
export const eventResponse = (record: LogRecord, structuredIds: boolean): ReadResp => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.eventId, structuredIds))
    .setStreamIdentifier(streamIdentifier(record.stream))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', record.created.toString());
  const event = new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
  return new streamsPb.ReadResp().setEvent(event);
};

/** The expected version of an Append/Delete/Tombstone options message. */
export const expectedVersionOf = (options: {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}): ExpectedVersion => {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

/** EventStoreDB's numeric code of an expected version, as its error trailers carry it. */
export const expectedVersionCode = (expected: ExpectedVersion): bigint => {
  switch (expected.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'revision':
      return expected.revision;
  }
};

const serviceError = (code: status, details: string, trailers: Record<string, string>): ServiceError => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

/** The error the server sends for an operation on a tombstoned stream. */
export const streamDeletedError = (stream: string): ServiceError =>
  serviceError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });

/** The error the server sends when a delete finds the stream at another version. */
export const wrongExpectedVersionError = (operation: string, stream: string, expected: ExpectedVersion, current: bigint | undefined): ServiceError =>
  serviceError(
    status.FAILED_PRECONDITION,
    `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expectedVersionCode(expected)}, Actual version: ${current ?? ''}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': expectedVersionCode(expected).toString(),
      'actual-version': current?.toString() ?? '',
    },
  );

/** The error the server sends when a proposed message lacks `type` or `content-type`. */
export const missingMetadataError = (): ServiceError =>
  serviceError(status.INVALID_ARGUMENT, "Required Metadata Property 'type' or 'content-type' is missing", {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

/** A plain status error without EventStoreDB trailers. */
export const plainError = (code: status, details: string): ServiceError => serviceError(code, details, {});
