/**
 * What kind of failure a thrown error is. Every edge answers by kind, so a
 * new error cannot be forgotten by the CLI or the HTTP API:
 * - `rejected`: a rule or the state refused what was asked; nothing changed (CLI exit 1, HTTP 4xx).
 * - `usage`: the input or the configuration is malformed; fix it and ask again (exit 2, HTTP 400).
 * - `unavailable`: something the library depends on did not answer; retry later (exit 3, HTTP 503).
 * - `failure`: something broke that should not have: damaged data, a bug (exit 3, HTTP 500).
 * Domain rejections are values (`DomainError`), all of kind `rejected`.
 */
export type FailureKind = 'rejected' | 'usage' | 'unavailable' | 'failure';

/** Every kind, for exhaustive tables. */
export const FAILURE_KINDS: readonly FailureKind[] = ['rejected', 'usage', 'unavailable', 'failure'];

/**
 * The base of every error the library throws: a `_tag` naming it, a `kind`,
 * and a message that never carries a secret. `name` is the tag, so that logs
 * and stack traces name the error even from a bundle.
 */
export abstract class ProvidersError extends Error {
  abstract readonly _tag: string;
  abstract readonly kind: FailureKind;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // The subclass's fields are not set yet: the tag is read once the object is built.
    Object.defineProperty(this, 'name', { get: () => this._tag, configurable: true });
  }
}

/** The kind of anything thrown: a library error's own, else `failure` (nothing unknown is trusted as usage). */
export const failureKindOf = (error: unknown): FailureKind => (error instanceof ProvidersError ? error.kind : 'failure');
