// Resolve, then vend: the credentials a deployment of (org, app, service, stage, region) uses.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { accountIdOfRoleArn, trustedAccountOf, unobservedKeysAccount } from '@providers/domain';
import { CredentialsWithheld, accountOfArn, requireAllowedAccount, type AccountGuard } from './account-check.js';
import type { AwsCredentialsProvider } from './aws-credentials.js';
import { createCredentialCache } from './credential-cache.js';
import { LocalCredentialsOnPurpose, NoProviderResolved } from './errors.js';
import { vendLocalFallback } from './local-fallback.js';
import { roleSessionName, sourceIdentityOf, type SessionInstance } from './session-name.js';
import { sessionTags } from './session-tags.js';
import { createStsGateway, type AssumedRole, type CallerIdentity, type StsOptions } from './sts-gateway.js';
import { IssuanceNotRecorded } from './errors.js';
import { issuanceFor, withheldIssuanceFor } from './issuance-for.js';
import type { Issuance } from './issuance.js';
import type { IssuanceRecorder } from './issuance-log.js';
import type { Resolution, ResolutionSource, ResolvedProvider, Resolve, Unseal } from './types.js';
import type { ProviderSummary, VendRequest, VendResult } from './vend-result.js';
import { verifyRoleWith, type RoleVerified, type VerifyRoleInput } from './verify-role.js';

/** What a vendor needs: the resolution index, the unsealer, and how to reach STS. */
export interface VendorOptions {
  readonly resolve: Resolve;
  readonly unseal: Unseal;
  readonly sts?: StsOptions;
  /** Sessions are renewed this long before they expire (default 300 s). */
  readonly refreshWindowSeconds?: number;
  /** Milliseconds since the epoch; decides when a cached session is stale. */
  readonly clock?: () => number;
  /** The caller's own credentials for `none` with the fallback allowed (default: the SDK's chain). */
  readonly localCredentials?: AwsCredentialsProvider;
  /** Where every hand-out is recorded before it is returned; a record that fails hands out nothing. */
  readonly issuance?: IssuanceRecorder;
  /** The client named in issuance records when a request names none (default `sdk`). */
  readonly client?: string;
}

/** Vends credentials for deployments. */
export interface Vendor {
  vend(request: VendRequest): Promise<VendResult>;
  /** The onboarding check of an access role (section 7), with this vendor's STS identity. */
  verifyRole(input: VerifyRoleInput): Promise<RoleVerified>;
  /** The vending identity's account and ARN (GetCallerIdentity): the account access roles trust. */
  vendingIdentity(): Promise<CallerIdentity>;
  close(): void;
}

export type { AssumedSession, AwsVendResult, ProviderSummary, SecretVendResult, VendRequest, VendResult } from './vend-result.js';

interface CachedSession extends AssumedRole {
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly clampedFrom?: number;
}

const roleChainingMaxSeconds = 3600;

const summary = (provider: ResolvedProvider): ProviderSummary => ({ id: provider.id, name: provider.name, type: provider.type });

const describeInstance = (request: VendRequest): string =>
  `org ${request.orgId}, ${request.app}/${request.service} stage ${request.stage}${request.region ? ` region ${request.region}` : ''}`;

/** Creates a vendor; `close` it to release its STS connections. */
export const createVendor = (options: VendorOptions): Vendor => {
  const clock = options.clock ?? Date.now;
  const gateway = createStsGateway(options.sts);
  const sessions = createCredentialCache<CachedSession>(clock, (options.refreshWindowSeconds ?? 300) * 1000);
  let defaultLocalChain: AwsCredentialsProvider | undefined;
  const localCredentials = (): AwsCredentialsProvider => options.localCredentials ?? (defaultLocalChain ??= fromNodeProviderChain());

  const assumeSession = async (
    provider: ResolvedProvider,
    role: { roleArn: string; externalId: string; sessionDurationSeconds: number },
    instance: SessionInstance,
    sourceIdentity: string | undefined,
  ): Promise<{ session: CachedSession; fromCache: boolean }> => {
    const sessionName = roleSessionName(instance);
    // The instance itself is in the key, not only its hashed session name, so that two instances
    // never share a session even if the hashes collided; the source identity too, because STS
    // stamps it on the session and a session minted for one deployer must not act for another.
    const key = JSON.stringify([
      provider.id,
      role.roleArn,
      role.externalId,
      sessionName,
      role.sessionDurationSeconds,
      sourceIdentity ?? null,
      instance.orgId,
      instance.app,
      instance.service,
      instance.stage,
      instance.region ?? null,
    ]);
    let fromCache = true;
    const session = await sessions.get(key, async () => {
      fromCache = false;
      const requested = role.sessionDurationSeconds;
      const clamped = requested > roleChainingMaxSeconds && (await gateway.isRoleSession());
      const durationSeconds = clamped ? roleChainingMaxSeconds : requested;
      const assumed = await gateway.assumeRole({
        roleArn: role.roleArn,
        externalId: role.externalId,
        sessionName,
        durationSeconds,
        tags: sessionTags(instance),
        ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
      });
      return { ...assumed, sessionName, durationSeconds, ...(clamped ? { clampedFrom: requested } : {}) };
    });
    return { session, fromCache };
  };

  const vendProvider = async (request: VendRequest, provider: ResolvedProvider, source: ResolutionSource, guard: AccountGuard): Promise<VendResult> => {
    const credentials = provider.credentials;
    switch (credentials.kind) {
      case 'aws-role': {
        requireAllowedAccount(guard, 'role-arn', accountIdOfRoleArn(credentials.roleArn) ?? null);
        const instance: SessionInstance = {
          orgId: request.orgId,
          app: request.app,
          service: request.service,
          stage: request.stage,
          ...(request.region === undefined ? {} : { region: request.region }),
        };
        const sourceIdentity = request.actor === undefined ? undefined : sourceIdentityOf(request.actor);
        const { session, fromCache } = await assumeSession(provider, credentials, instance, sourceIdentity);
        requireAllowedAccount(guard, 'assumed-role', accountOfArn(session.assumedRoleArn));
        const accountId = accountOfArn(session.assumedRoleArn) ?? accountIdOfRoleArn(credentials.roleArn);
        return {
          kind: 'aws',
          accessKeyId: session.accessKeyId,
          secretAccessKey: session.secretAccessKey,
          sessionToken: session.sessionToken,
          expiration: session.expiration,
          ...(accountId === undefined ? {} : { accountId }),
          provider: summary(provider),
          source,
          session: {
            roleArn: credentials.roleArn,
            sessionName: session.sessionName,
            assumedRoleArn: session.assumedRoleArn,
            durationSeconds: session.durationSeconds,
            ...(session.clampedFrom === undefined ? {} : { clampedFrom: session.clampedFrom }),
            ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
            ...(session.requestId === undefined ? {} : { stsRequestId: session.requestId }),
            fromCache,
          },
        };
      }
      case 'aws-keys': {
        const trusted = trustedAccountOf(provider);
        requireAllowedAccount(guard, 'static-keys', trusted, trusted === null ? unobservedKeysAccount(provider.accountId) : undefined);
        return {
          kind: 'aws',
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: await options.unseal(credentials.secretAccessKey, 'secretAccessKey'),
          ...(provider.accountId === undefined ? {} : { accountId: provider.accountId }),
          provider: summary(provider),
          source,
        };
      }
      case 'secret': {
        const entries = await Promise.all(
          Object.entries(credentials.fields).map(async ([field, sealed]) => [field, await options.unseal(sealed, field)] as const),
        );
        return { kind: 'secret', fields: Object.fromEntries(entries), provider: summary(provider), source };
      }
    }
  };

  const vendUnrecorded = async (request: VendRequest): Promise<VendResult> => {
    const type = request.type ?? 'aws';
    const resolution: Resolution = await options.resolve({
      orgId: request.orgId,
      app: request.app,
      service: request.service,
      stage: request.stage,
      ...(request.region === undefined ? {} : { region: request.region }),
      type,
    });
    const guard: AccountGuard = {
      instance: describeInstance(request),
      allowed: type === 'aws' ? (resolution.allowedAccountIds ?? null) : null,
      providerId: resolution.provider?.id ?? null,
      providerName: resolution.provider?.name ?? null,
    };
    if (resolution.provider !== null) return vendProvider(request, resolution.provider, resolution.source, guard);
    if (request.allowLocalFallback === true && type === 'aws') return vendLocalFallback(localCredentials(), options.sts, guard, resolution.source);
    if (resolution.local) throw new LocalCredentialsOnPurpose(type, describeInstance(request), resolution.source);
    throw new NoProviderResolved(
      type,
      describeInstance(request),
      resolution.chain.map((link) => ({ scope: link.scope, key: link.key })),
    );
  };

  const record = async (issuance: Issuance): Promise<void> => {
    try {
      await options.issuance?.record(issuance);
    } catch (error) {
      throw new IssuanceNotRecorded(issuance.orgId, error);
    }
  };

  const vend = async (request: VendRequest): Promise<VendResult> => {
    const client = options.client ?? 'sdk';
    let result: VendResult;
    try {
      result = await vendUnrecorded(request);
    } catch (error) {
      // A withheld attempt is on record too: who asked for what, and which account was refused.
      if (error instanceof CredentialsWithheld) await record(withheldIssuanceFor(request, error, client, new Date(clock()).toISOString()));
      throw error;
    }
    await record(issuanceFor(request, result, client, new Date(clock()).toISOString()));
    return result;
  };

  return {
    vend,
    verifyRole: (input) => verifyRoleWith(gateway, input),
    vendingIdentity: () => gateway.callerIdentity(),
    close: () => {
      sessions.clear();
      gateway.close();
    },
  };
};
