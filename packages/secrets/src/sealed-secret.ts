/** The only algorithm a sealed secret uses: AES-256-GCM, 96-bit IV, 128-bit tag. */
export const SEALED_SECRET_ALGORITHM = 'A256GCM' as const;

/**
 * A secret value sealed under the data key `keyId`, as stored inside events.
 * `iv`, `ct` and `tag` are standard base64.
 */
export interface SealedSecret {
  readonly alg: typeof SEALED_SECRET_ALGORITHM;
  readonly keyId: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}
