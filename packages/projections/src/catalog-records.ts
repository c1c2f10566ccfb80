import type { ProviderCredentials, ProviderRecords } from '@providers/domain';
import type { CatalogProvider, Stamp } from './catalog-types.js';
import type { ProjectedEvent } from './projected-event.js';

/** Who did it, when and where, of an event. */
export const stampOf = (e: ProjectedEvent): Stamp => ({
  actor: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  at: e.metadata.occurredAt,
  position: String(e.position),
});

/** What the catalog shows of a provider's credentials: everything but the secret values. */
const describeCredentials = (credentials: ProviderCredentials) => {
  switch (credentials.kind) {
    case 'aws-role':
      return {
        credentialsKind: credentials.kind,
        roleArn: credentials.roleArn,
        externalId: credentials.externalId,
        sessionDurationSeconds: credentials.sessionDurationSeconds,
      };
    case 'aws-keys':
      return { credentialsKind: credentials.kind, accessKeyId: credentials.accessKeyId };
    case 'secret':
      return { credentialsKind: credentials.kind, secretFieldNames: Object.keys(credentials.fields).sort() };
  }
};

const CREDENTIAL_DETAILS = ['roleArn', 'externalId', 'sessionDurationSeconds', 'accessKeyId', 'secretFieldNames', 'accountId'] as const;

/** What the catalog keeps of a provider: a description of its credentials, who added and changed it; kept once removed. */
export const CATALOG_RECORDS: ProviderRecords<CatalogProvider, ProjectedEvent> = {
  added: ({ providerId, name, type, credentials, accountId }, e) => ({
    id: providerId,
    name,
    type,
    ...describeCredentials(credentials),
    ...(accountId ? { accountId } : {}),
    addedAt: e.metadata.occurredAt,
    addedBy: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  }),
  renamed: (provider, { to }) => ({ ...provider, name: to }),
  credentialsUpdated: (provider, { credentials, accountId }, e) => {
    const rest: Record<string, unknown> = { ...provider };
    for (const field of CREDENTIAL_DETAILS) delete rest[field];
    return {
      ...(rest as unknown as CatalogProvider),
      ...describeCredentials(credentials),
      ...(accountId ? { accountId } : {}),
      credentialsUpdated: stampOf(e),
    };
  },
  removed: (provider, { shredded }, e) => ({ ...provider, removed: { ...stampOf(e), ...(shredded ? { shredded: true } : {}) } }),
  isRemoved: (provider) => provider.removed !== undefined,
};
