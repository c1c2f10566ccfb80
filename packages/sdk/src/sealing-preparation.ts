import * as E from 'fp-ts/lib/Either.js';
import type { Preparation } from '@providers/commands';
import type { Command, OrgState, ProviderCredentials, SealedSecret } from '@providers/domain';
import type { PendingSeal, SecretSealer } from '@providers/secrets';
import { dataKeyId, type OrgExternalId } from './org-external-id.js';
import { DEFAULT_SESSION_DURATION_SECONDS, type PlainCredentials } from './provider-input.js';

/** A command that carries credentials: whose they are in a state, and the command built around them once sealed. */
export interface CredentialsCommand {
  readonly orgId: string;
  readonly plain: PlainCredentials;
  /** The provider the credentials are for, as the state knows it (its id names the data key). */
  providerIdIn(state: OrgState): string;
  build(providerId: string, credentials: ProviderCredentials): Command;
}

type PlainSecrets = Exclude<PlainCredentials, { kind: 'aws-role' }>;

interface Sealing {
  readonly keyId: string;
  readonly pending: PendingSeal;
  readonly credentials: ProviderCredentials;
}

/**
 * The prepare step of a command with credentials: secrets are sealed under
 * the provider's data key on the state the command is decided on; a new data
 * key is stored only once the decision accepts, and deleted again if the
 * command is then not recorded (a conflict re-decided into a rejection) and
 * no recorded provider uses it. An access role holds nothing to seal: its
 * external id is the one given, else the org's: the recorded one, else one
 * its roles were generated with, else a new one, recorded with the role.
 */
export const sealingPreparation = (sealer: SecretSealer, externalId: OrgExternalId, input: CredentialsCommand): Preparation => {
  const { orgId, plain } = input;
  let sealing: Sealing | undefined;
  const discardUnused = async (state: OrgState) => {
    if (sealing && !usesKey(state, sealing.keyId)) await sealing.pending.discard();
    sealing = undefined;
  };
  return {
    orgId,
    prepare: async (state) => {
      const providerId = input.providerIdIn(state);
      if (plain.kind === 'aws-role') {
        if (plain.externalId !== undefined) return E.right({ command: input.build(providerId, roleCredentials(plain, plain.externalId)) });
        // Recorded as the org's once the decision accepts; if another writer recorded another id
        // first, the command is prepared again, and then proposes that one.
        const proposed = await externalId.proposed(state);
        return E.right({ command: input.build(providerId, roleCredentials(plain, proposed)), keep: () => externalId.keep(proposed) });
      }
      const keyId = dataKeyId(orgId, providerId);
      if (sealing?.keyId !== keyId) {
        await discardUnused(state);
        const pending = await sealer.begin(keyId);
        sealing = { keyId, pending, credentials: sealSecrets(pending, plain) };
      }
      const current = sealing;
      return E.right({
        command: input.build(providerId, current.credentials),
        keep: async () => {
          if (await current.pending.keep()) return true;
          // Another writer stored this key id's first key: seal again under it.
          sealing = undefined;
          return false;
        },
      });
    },
    release: discardUnused,
  };
};

const roleCredentials = (plain: Extract<PlainCredentials, { kind: 'aws-role' }>, externalId: string): ProviderCredentials => ({
  kind: 'aws-role',
  roleArn: plain.roleArn,
  externalId,
  sessionDurationSeconds: plain.sessionDurationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS,
});

const sealSecrets = (pending: PendingSeal, plain: PlainSecrets): ProviderCredentials => {
  if (plain.kind === 'aws-keys')
    return { kind: 'aws-keys', accessKeyId: plain.accessKeyId, secretAccessKey: pending.seal('secretAccessKey', plain.secretAccessKey) };
  const fields: Record<string, SealedSecret> = {};
  for (const [name, value] of Object.entries(plain.fields)) fields[name] = pending.seal(name, value);
  return { kind: 'secret', fields };
};

/** Whether a recorded provider's secrets are sealed under the key (another writer's command with the same provider). */
const usesKey = (state: OrgState, keyId: string): boolean => {
  for (const provider of state.providers.values()) {
    const { credentials } = provider;
    const sealed = credentials.kind === 'aws-keys' ? [credentials.secretAccessKey] : credentials.kind === 'secret' ? Object.values(credentials.fields) : [];
    if (sealed.some((secret) => secret.keyId === keyId)) return true;
  }
  return false;
};
