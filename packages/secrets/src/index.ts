/** A secret value sealed under a data key, as stored inside events. */
export { SEALED_SECRET_ALGORITHM, type SealedSecret } from './sealed-secret.js';
/** Envelope encryption of secret values with per-provider data keys. */
export { SecretSealer, type SecretSealerOptions } from './secret-sealer.js';
/** What a rotation re-wrapped, and the data keys it could not open. */
export type { RotationReport, UnopenedDataKey } from './rotation-report.js';
/** Sealing whose new data key is stored only once the command carrying it is accepted. */
export type { PendingSeal } from './pending-seal.js';
/** The master keys, from PROVIDERS_MASTER_KEY / PROVIDERS_MASTER_KEY_FILE, and a generator for new ones. */
export { MasterKeyring, generateMasterKey, masterKeyIdOf, type MasterKeyEnvironment } from './master-keyring.js';
/** Removal of secret values from output, logs and errors. */
export { Redactor, REDACTED, looksSecretKey } from './redact.js';
/** The typed errors of sealing, opening, shredding and key configuration. */
export {
  MasterKeyMissing,
  MasterKeyUnknown,
  MasterKeyMismatch,
  RotationIncomplete,
  SecretShredded,
  SecretTampered,
  InvalidMasterKey,
  InvalidSealInput,
  isSecretsError,
  type SecretsError,
} from './errors.js';
