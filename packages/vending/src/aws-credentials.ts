/** AWS credentials as the SDK's credential providers return them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

/** A source of AWS credentials, shaped like the SDK's `AwsCredentialIdentityProvider`. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;
