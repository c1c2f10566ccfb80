/**
 * Errors of the secrets package. None of them ever carries a plaintext, a key
 * or a ciphertext: only ids, field names and the names of configuration
 * sources, which are not secret. No `cause` is attached either, so that a
 * lower-level error cannot smuggle material into a log through the chain.
 */
import { errorClass } from '@providers/domain';

const MASTER_KEY_SOURCES = 'PROVIDERS_MASTER_KEY or PROVIDERS_MASTER_KEY_FILE';

/** Secrets must be sealed or opened but no master key is configured. */
export class MasterKeyMissing extends errorClass('MasterKeyMissing', 'usage', () => ({
  message: `sealed secrets exist but no master key is configured: set ${MASTER_KEY_SOURCES}`,
})) {}

/** A data key was wrapped by a master key that the keyring does not hold. */
export class MasterKeyUnknown extends errorClass('MasterKeyUnknown', 'usage', (masterKeyId: string, keyId: string) => ({
  fields: { masterKeyId, keyId },
  message:
    `data key ${keyId} is wrapped by master key ${masterKeyId}, which is not in the keyring: ` +
    `add it to ${MASTER_KEY_SOURCES} (after the current key) until rotation has re-wrapped every data key`,
})) {}

/**
 * A data key under master key id `masterKeyId` was wrapped by another key
 * than the one the keyring holds under that id: one id is naming two keys.
 * `certain` is false for data keys wrapped before master keys had
 * fingerprints, which cannot tell a wrong key from an altered wrapped key.
 */
export class MasterKeyMismatch extends errorClass('MasterKeyMismatch', 'usage', (masterKeyId: string, keyId: string, certain = true) => ({
  fields: { masterKeyId, keyId, certain },
  message:
    `this is not the key that id ${masterKeyId} names: data key ${keyId} was wrapped by another master key under that id` +
    (certain ? '' : ' (or the wrapped key was altered: it predates master-key fingerprints, so the two cannot be told apart)') +
    `; give every master key an id of its own, and list the key that id ${masterKeyId} names in ${MASTER_KEY_SOURCES}`,
})) {}

/** Rotation left data keys it could not open as they were; they are named, with the reason for each. */
export class RotationIncomplete extends errorClass(
  'RotationIncomplete',
  'rejected',
  (unopened: readonly { readonly keyId: string; readonly masterKeyId: string; readonly reason: string }[]) => ({
    fields: { unopened },
    message:
      `${unopened.length} data key(s) could not be opened and are still wrapped as they were: ` +
      unopened.map(({ keyId, reason }) => `${keyId} (${reason})`).join('; '),
  }),
) {}

/** The data key of a sealed secret was deleted: the secret is gone for good. */
export class SecretShredded extends errorClass('SecretShredded', 'rejected', (keyId: string) => ({
  fields: { keyId },
  message: `secret shredded: data key ${keyId} is not in the key store, so the secrets sealed with it cannot be opened`,
})) {}

/** A sealed secret or a wrapped data key failed authentication or is malformed. */
export class SecretTampered extends errorClass('SecretTampered', 'failure', (keyId: string, field: string | undefined, reason: string) => ({
  fields: { keyId, field },
  message: `secret tampered: ${field === undefined ? `data key ${keyId}` : `field ${field} sealed under ${keyId}`}: ${reason}`,
})) {}

/** A master key configuration is malformed; names its source, never its value. */
export class InvalidMasterKey extends errorClass('InvalidMasterKey', 'usage', (source: string, rule: string) => ({
  fields: { source, rule },
  message: `invalid master key in ${source}: ${rule}`,
})) {}

/** A key id, field name or plaintext given to `seal` that cannot be sealed faithfully. */
export class InvalidSealInput extends errorClass('InvalidSealInput', 'usage', (input: 'keyId' | 'field' | 'plaintext', rule: string) => ({
  fields: { input, rule },
  message: `cannot seal: ${input} ${rule}`,
})) {}

/** Every error this package throws. */
export type SecretsError =
  | MasterKeyMissing
  | MasterKeyUnknown
  | MasterKeyMismatch
  | RotationIncomplete
  | SecretShredded
  | SecretTampered
  | InvalidMasterKey
  | InvalidSealInput;

/** Whether a thrown value is one of this package's errors. */
export const isSecretsError = (error: unknown): error is SecretsError =>
  error instanceof MasterKeyMissing ||
  error instanceof MasterKeyUnknown ||
  error instanceof MasterKeyMismatch ||
  error instanceof RotationIncomplete ||
  error instanceof SecretShredded ||
  error instanceof SecretTampered ||
  error instanceof InvalidMasterKey ||
  error instanceof InvalidSealInput;
