import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Preparation } from '@providers/commands';
import { decodeWith, findProvider, invalidInput, rules, type DomainError } from '@providers/domain';
import type { SecretSealer } from '@providers/secrets';
import type { EventStore } from '@providers/store';
import { orgExternalIdOf } from './org-external-id.js';
import { validatePlainSecrets } from './provider-input.js';
import { sealingPreparation } from './sealing-preparation.js';
import { stamp } from './write-context.js';
import type { AddProviderInput, UpdateCredentialsInput } from './write-inputs.js';

/** How an add is prepared (sealed on the state it is decided on), once its secrets and provider id are checked. */
export const addProviderPreparation = (sealer: SecretSealer, events: EventStore, input: AddProviderInput): E.Either<DomainError, Preparation> => {
  const plain = validatePlainSecrets(input.credentials);
  if (E.isLeft(plain)) return plain;
  const providerId = input.providerId ?? `prv-${randomUUID()}`;
  // The id names the data key: checked before anything is sealed under it.
  const id = decodeWith(rules.ProviderId)(providerId);
  if (E.isLeft(id)) return E.left(invalidInput('providerId', id.left.rule));
  const envelope = stamp(input);
  const accountId = input.accountId ? { accountId: input.accountId } : {};
  return E.right(
    sealingPreparation(sealer, orgExternalIdOf(events, input.orgId), {
      orgId: input.orgId,
      plain: input.credentials,
      providerIdIn: () => providerId,
      build: (id, credentials) => ({ type: 'AddProvider', ...envelope, providerId: id, name: input.name, providerType: input.type, credentials, ...accountId }),
    }),
  );
};

/** How new credentials are prepared for a provider named by id or name, once its secrets are checked. */
export const updateCredentialsPreparation = (sealer: SecretSealer, events: EventStore, input: UpdateCredentialsInput): E.Either<DomainError, Preparation> => {
  const plain = validatePlainSecrets(input.credentials);
  if (E.isLeft(plain)) return plain;
  const envelope = stamp(input);
  const accountId = input.accountId ? { accountId: input.accountId } : {};
  return E.right(
    sealingPreparation(sealer, orgExternalIdOf(events, input.orgId), {
      orgId: input.orgId,
      plain: input.credentials,
      providerIdIn: (state) => findProvider(state, input.provider)?.id ?? input.provider,
      build: (providerId, credentials) => ({ type: 'UpdateProviderCredentials', ...envelope, providerId, credentials, ...accountId }),
    }),
  );
};
