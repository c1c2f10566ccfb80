import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import { decodeWith, findProvider, invalidInput, rules } from '@providers/domain';
import type { SecretSealer } from '@providers/secrets';
import type { EventStore } from '@providers/store';
import { observedAccountOf, type KeysAccountObservation } from './keys-account.js';
import { orgExternalIdOf } from './org-external-id.js';
import { validatePlainSecrets } from './provider-input.js';
import { sealingPreparation } from './sealing-preparation.js';
import { stamp, type WriteOutcome } from './write-context.js';
import type { AddProviderInput, UpdateCredentialsInput } from './write-inputs.js';

/** What a write of credentials needs: the sealer, the store, the command handler, and how static keys' account is observed. */
export interface CredentialWrites {
  readonly sealer: SecretSealer;
  readonly events: EventStore;
  readonly handler: CommandHandler;
  readonly observation: KeysAccountObservation;
}

/** The account given and the one observed, as the command carries them (the domain checks that they agree). */
const accountFields = (declared: string | undefined, observed: string | undefined) => ({
  ...(declared ? { accountId: declared } : {}),
  ...(observed ? { observedAccountId: observed } : {}),
});

/** Adds a provider, once its secrets and id are checked and static keys' account is observed where it must be; sealed on the state it is decided on. */
export const addProviderWrite = async (w: CredentialWrites, input: AddProviderInput): WriteOutcome => {
  const plain = validatePlainSecrets(input.credentials);
  if (E.isLeft(plain)) return plain;
  const providerId = input.providerId ?? `prv-${randomUUID()}`;
  // The id names the data key: checked before anything is sealed under it.
  const id = decodeWith(rules.ProviderId)(providerId);
  if (E.isLeft(id)) return E.left(invalidInput('providerId', id.left.rule));
  const envelope = stamp(input);
  const state = await w.handler.state(input.orgId);
  const observed = await observedAccountOf(w.observation, { providerType: input.type, credentials: input.credentials, asked: input.observeAccount }, state);
  const account = accountFields(input.accountId, observed);
  return w.handler.transact(
    sealingPreparation(w.sealer, orgExternalIdOf(w.events, input.orgId), {
      orgId: input.orgId,
      plain: input.credentials,
      providerIdIn: () => providerId,
      build: (id, credentials) => ({ type: 'AddProvider', ...envelope, providerId: id, name: input.name, providerType: input.type, credentials, ...account }),
    }),
  );
};

/** Replaces the credentials of a provider named by id or name, checked and observed as for an add. */
export const updateCredentialsWrite = async (w: CredentialWrites, input: UpdateCredentialsInput): WriteOutcome => {
  const plain = validatePlainSecrets(input.credentials);
  if (E.isLeft(plain)) return plain;
  const envelope = stamp(input);
  const state = await w.handler.state(input.orgId);
  const providerType = findProvider(state, input.provider)?.type;
  const observed = await observedAccountOf(w.observation, { providerType, credentials: input.credentials, asked: input.observeAccount }, state);
  const account = accountFields(input.accountId, observed);
  return w.handler.transact(
    sealingPreparation(w.sealer, orgExternalIdOf(w.events, input.orgId), {
      orgId: input.orgId,
      plain: input.credentials,
      providerIdIn: (state) => findProvider(state, input.provider)?.id ?? input.provider,
      build: (providerId, credentials) => ({ type: 'UpdateProviderCredentials', ...envelope, providerId, credentials, ...account }),
    }),
  );
};
