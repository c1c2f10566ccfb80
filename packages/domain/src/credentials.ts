import * as t from 'io-ts';
import { taggedUnion } from './tagged-union.js';
import { AccessKeyId, ExternalId, RoleArn, SecretFieldName, SessionDurationSeconds, ruled } from './rules.js';

const Base64 = ruled('Base64', 'base64 text', 1 << 16, (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s));

/**
 * A secret value as it is stored in events: authenticated ciphertext under a
 * per-provider data key that lives outside the log (see @providers/secrets).
 */
export const SealedSecret = t.readonly(
  t.strict({
    alg: t.literal('A256GCM'),
    keyId: ruled('KeyId', 'a key id is 1–200 printable characters', 200, (s) => /^[\x21-\x7E]{1,200}$/.test(s)),
    iv: Base64,
    ct: Base64,
    tag: Base64,
  }),
);
/** A decoded sealed secret. */
export type SealedSecret = t.TypeOf<typeof SealedSecret>;

/** The codec of one kind of credentials: its `kind` and its own fields, and no other field. */
const credentialsOf = <K extends string, P extends t.Props>(kind: K, props: P) => t.readonly(t.strict({ kind: t.literal(kind), ...props }));

/** An AWS access role: short-lived credentials are minted through STS per deployment. */
export const AwsRoleCredentials = credentialsOf('aws-role', { roleArn: RoleArn, externalId: ExternalId, sessionDurationSeconds: SessionDurationSeconds });
/** Decoded AWS access-role credentials. */
export type AwsRoleCredentials = t.TypeOf<typeof AwsRoleCredentials>;

/** AWS static keys; the secret access key is sealed. */
export const AwsKeysCredentials = credentialsOf('aws-keys', { accessKeyId: AccessKeyId, secretAccessKey: SealedSecret });
/** Decoded AWS static keys, the secret access key sealed. */
export type AwsKeysCredentials = t.TypeOf<typeof AwsKeysCredentials>;

/** At most this many fields: a vendor's credentials are a handful of values, not a payload. */
export const MAX_SECRET_FIELDS = 32;

const isSecretFields = (u: unknown): u is Readonly<Record<string, SealedSecret>> =>
  typeof u === 'object' &&
  u !== null &&
  !Array.isArray(u) &&
  Object.keys(u).length > 0 &&
  Object.keys(u).length <= MAX_SECRET_FIELDS &&
  Object.entries(u).every(([name, value]) => SecretFieldName.is(name) && SealedSecret.is(value));

// Checked by hand: io-ts records silently drop keys that fail a refined key codec.
const SecretFields = new t.Type<Readonly<Record<string, SealedSecret>>, Readonly<Record<string, SealedSecret>>, unknown>(
  'SecretFields',
  isSecretFields,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'secret fields are an object of field name → sealed value');
    const entries = Object.entries(u);
    if (entries.length === 0 || entries.length > MAX_SECRET_FIELDS)
      return t.failure(u, c, `a vendor provider has 1–${MAX_SECRET_FIELDS} secret fields`);
    const fields: Record<string, SealedSecret> = {};
    for (const [name, value] of entries) {
      if (!SecretFieldName.is(name)) return t.failure(u, c, `secret field "${String(name).slice(0, 64)}": a field name is 1–64 characters of letters, digits or "_", starting with a letter`);
      const sealed = SealedSecret.validate(value, [...c, { key: name, type: SealedSecret, actual: value }]);
      if (sealed._tag === 'Left') return sealed;
      fields[name] = sealed.right;
    }
    return t.success(fields);
  },
  t.identity,
);

/** Other vendors' credentials (Stripe, Twilio, …): named fields, every value sealed. */
export const SecretFieldsCredentials = credentialsOf('secret', { fields: SecretFields });
/** Decoded vendor credentials, every field sealed. */
export type SecretFieldsCredentials = t.TypeOf<typeof SecretFieldsCredentials>;

/** A provider's credentials, told apart by `kind`: an AWS role, AWS static keys, or vendor secret fields. */
export const ProviderCredentials = taggedUnion('ProviderCredentials', 'kind', {
  'aws-role': AwsRoleCredentials,
  'aws-keys': AwsKeysCredentials,
  secret: SecretFieldsCredentials,
});
/** Decoded provider credentials of any kind. */
export type ProviderCredentials = t.TypeOf<typeof ProviderCredentials>;
