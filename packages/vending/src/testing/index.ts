// `@providers/vending/testing`: the in-process STS endpoint, and moto with the AWS CLI, for tests of code that vends credentials.
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
export { MOTO_ACCOUNT_ID, motoAvailability, motoServerRuns, motoTestsRun, startMotoServer, type MotoServer } from './moto-server.js';
export { motoSuite, type OnMoto } from './moto-suite.js';
export { awsCli, awsJson, credentialProcessProfile, deployStack, iamUserKeysIn, templateParameterValues, type AwsCliRun } from './aws-cli.js';
export { stsClientOn } from './sdk-client.js';
export { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';
