// `@providers/vending/testing`: the in-process STS endpoint, for tests of code that vends credentials.
export {
  startStsServer,
  stsErrorStatus,
  type InjectedReply,
  type IssuedCredentials,
  type RecordedStsRequest,
  type StsErrorCode,
  type StsServer,
  type StsServerOptions,
} from './sts-server.js';
