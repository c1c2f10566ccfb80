// A real AWS SDK v3 client for tests of credential providers: STS GetCallerIdentity against moto,
// signed with whatever credentials provider the test hands in.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialsProvider } from '../aws-credentials.js';
import type { MotoServer } from './moto-server.js';

/** An STS client of the AWS SDK on moto, with `credentials` as its credential provider. */
export const stsClientOn = (moto: MotoServer, credentials: AwsCredentialsProvider) => {
  const client = new STSClient({ region: 'us-east-1', endpoint: moto.url, credentials, maxAttempts: 1 });
  return {
    /** Who the client's credentials belong to. */
    callerIdentity: async (): Promise<{ arn: string; account: string }> => {
      const reply = await client.send(new GetCallerIdentityCommand({}));
      return { arn: reply.Arn ?? '', account: reply.Account ?? '' };
    },
    close: () => client.destroy(),
  };
};
