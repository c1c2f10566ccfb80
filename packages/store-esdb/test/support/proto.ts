/**
 * The gRPC service definitions and protobuf messages that ship inside
 * `@eventstore/db-client`. They are CommonJS modules whose exports Node's ESM
 * loader cannot detect, so they are loaded with `require`, typed by their own
 * declaration files.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The generated `Streams` service definition. */
export const streamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js') as typeof import('@eventstore/db-client/generated/streams_grpc_pb.js');
/** The generated `ServerFeatures` service definition. */
export const serverFeaturesGrpc = require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb.js');
/** Messages of streams.proto. */
export const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof import('@eventstore/db-client/generated/streams_pb.js');
/** Messages of shared.proto (UUID, Empty, StreamIdentifier, error details). */
export const sharedPb = require('@eventstore/db-client/generated/shared_pb.js') as typeof import('@eventstore/db-client/generated/shared_pb.js');
/** Messages of serverfeatures.proto. */
export const serverFeaturesPb = require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_pb.js');
/** google.rpc.Status, which BatchAppend uses for its errors. */
export const statusPb = require('@eventstore/db-client/generated/status_pb.js') as typeof import('@eventstore/db-client/generated/status_pb.js');
/** google.rpc.Code. */
export const codePb = require('@eventstore/db-client/generated/code_pb.js') as typeof import('@eventstore/db-client/generated/code_pb.js');

type AnyMessage = NonNullable<ReturnType<InstanceType<typeof statusPb.Status>['getDetails']>>;

/** google.protobuf.Any, from the same google-protobuf instance the generated code uses. */
export const { Any } = require('google-protobuf/google/protobuf/any_pb.js') as { Any: new () => AnyMessage };
