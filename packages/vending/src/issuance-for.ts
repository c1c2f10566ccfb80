// The issuance record of a vend: built from the request and what was handed out, naming the
// session and the provider but never copying a credential.
import type { CredentialsWithheld } from './account-check.js';
import type { Issuance, IssuanceKind, IssuedFor } from './issuance.js';
import type { VendRequest, VendResult } from './vend-result.js';

const kindOf = (result: VendResult): IssuanceKind => {
  if (result.kind === 'secret') return 'secret-fields';
  if (result.provider === null) return 'local-fallback';
  return result.session === undefined ? 'static-keys' : 'assumed-role';
};

const issuedFor = (request: VendRequest): IssuedFor => ({
  app: request.app,
  service: request.service,
  stage: request.stage,
  ...(request.region === undefined ? {} : { region: request.region }),
  type: request.type ?? 'aws',
});

/** What goes on record for an attempt the account guard withheld: nothing handed out, what was seen and why. */
export const withheldIssuanceFor = (request: VendRequest, withheld: CredentialsWithheld, client: string, occurredAt: string): Issuance => ({
  orgId: request.orgId,
  actor: request.actor ?? null,
  client: request.client ?? client,
  request: issuedFor(request),
  providerId: withheld.providerId,
  providerName: withheld.providerName,
  accountId: withheld.seenAccountId,
  kind: 'withheld',
  withheld: { check: withheld.check, expectedAccountIds: withheld.expectedAccountIds, reason: withheld.message },
  fromCache: false,
  occurredAt,
});

/** What goes on record for `result`, handed out for `request` through `client` at `occurredAt`. */
export const issuanceFor = (request: VendRequest, result: VendResult, client: string, occurredAt: string): Issuance => {
  const session = result.kind === 'aws' ? result.session : undefined;
  const expiration = result.kind === 'aws' ? result.expiration : undefined;
  return {
    orgId: request.orgId,
    actor: request.actor ?? null,
    client: request.client ?? client,
    request: issuedFor(request),
    providerId: result.provider?.id ?? null,
    providerName: result.provider?.name ?? null,
    accountId: (result.kind === 'aws' ? result.accountId : undefined) ?? null,
    kind: kindOf(result),
    ...(session === undefined ? {} : { sessionName: session.sessionName }),
    ...(session?.sourceIdentity === undefined ? {} : { sourceIdentity: session.sourceIdentity }),
    ...(expiration === undefined ? {} : { expiresAt: expiration.toISOString() }),
    ...(session?.stsRequestId === undefined ? {} : { stsRequestId: session.stsRequestId }),
    fromCache: session?.fromCache ?? false,
    occurredAt,
  };
};
