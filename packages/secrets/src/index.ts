/** A secret value sealed under a data key, as stored inside events. */
export { SEALED_SECRET_ALGORITHM, type SealedSecret } from './sealed-secret.js';
/** Envelope encryption of secret values with per-provider data keys. */
export { SecretSealer, type SecretSealerOptions } from './secret-sealer.js';
/** The master keys, from PROVIDERS_MASTER_KEY / PROVIDERS_MASTER_KEY_FILE, and a generator for new ones. */
export { MasterKeyring, generateMasterKey, masterKeyIdOf, type MasterKeyEnvironment } from './master-keyring.js';
/** Removal of secret values from output, logs and errors. */
export { Redactor, REDACTED, looksSecretKey } from './redact.js';
/** The typed errors of sealing, opening, shredding and key configuration. */
export {
  MasterKeyMissing,
  MasterKeyUnknown,
  SecretShredded,
  SecretTampered,
  InvalidMasterKey,
  InvalidSealInput,
  isSecretsError,
  type SecretsError,
} from './errors.js';
