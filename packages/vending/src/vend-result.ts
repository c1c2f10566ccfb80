// What vending is asked and what it hands out.
import type { ResolutionSource, ResolveRequest } from './types.js';

/** A resolution request, plus who deploys and whether they accept their own credentials for `none`. */
export interface VendRequest extends ResolveRequest {
  actor?: string;
  allowLocalFallback?: boolean;
  /** Which client asks, for the issuance record: `cli`, `sdk`, `serverless-v3`, … (default: the vendor's). */
  client?: string;
}

/** The provider that answered, without its credentials. */
export interface ProviderSummary {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

/** The role session behind vended credentials. */
export interface AssumedSession {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly assumedRoleArn: string;
  readonly durationSeconds: number;
  /** The provider's duration when role chaining forced it down to 3600 s. */
  readonly clampedFrom?: number;
  readonly sourceIdentity?: string;
  /** The request id of the AssumeRole call that minted the session. */
  readonly stsRequestId?: string;
  /** The session came from the cache (or a call already under way): this vend made no STS call. */
  readonly fromCache: boolean;
}

/** AWS credentials: from an access role, static keys, or the caller's own chain (`source: 'none'`). */
export interface AwsVendResult {
  readonly kind: 'aws';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
  readonly provider: ProviderSummary | null;
  readonly source: ResolutionSource;
  /** Present for an access role. */
  readonly session?: AssumedSession;
}

/** Another vendor's secret fields, unsealed. */
export interface SecretVendResult {
  readonly kind: 'secret';
  readonly fields: Record<string, string>;
  readonly provider: ProviderSummary;
  readonly source: ResolutionSource;
}

/** What `vend` returns. */
export type VendResult = AwsVendResult | SecretVendResult;

