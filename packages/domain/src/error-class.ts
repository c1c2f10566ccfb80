// The one way the library declares an error class: a tag, a kind, and what the constructor's
// arguments make of it (its fields and its message). The boilerplate of `_tag`, `kind` and the
// fields is written once here, so a declaration says only what differs:
//   export class SnapshotUnreadable extends errorClass('SnapshotUnreadable', 'failure', (model: string, detail: string) => ({
//     fields: { model, detail },
//     message: `the ${model} snapshot cannot be read: ${detail}`,
//   })) {}
import { ProvidersError, type FailureKind } from './failure.js';

/** What a declared error's constructor makes of its arguments. No part may carry a secret. */
export interface ErrorParts<Fields extends object> {
  /** Set on the error as its own read-only properties (`error.model`). */
  readonly fields?: Fields;
  readonly message: string;
  /** Attached as the error's `cause` when present (as `new Error(message, { cause })` does). */
  readonly cause?: unknown;
}

/** A constructor of a `ProvidersError` subclass that the factory may extend: it takes a message and the options of `Error`. */
export type ErrorBase = abstract new (message: string, options?: ErrorOptions) => ProvidersError;

/** An error built by a declared class: its base, its literal tag and kind, and its fields. */
export type DeclaredError<Tag extends string, Kind extends FailureKind, Fields extends object, Base extends ErrorBase = typeof ProvidersError> = InstanceType<Base> & {
  readonly _tag: Tag;
  readonly kind: Kind;
} & Readonly<Fields>;

/**
 * A class to extend (`class X extends errorClass(…) {}`), so that `instanceof X` and
 * `instanceof ProvidersError` hold, `name` is the tag, and the constructor takes the arguments of
 * `parts`, positionally. `kind` is the kind of every error of the class, or, for a class whose
 * errors differ in kind, how it follows from their fields. `base` is a subclass of
 * `ProvidersError` taking `(message, options)` that the class extends (default: `ProvidersError`).
 */
export const errorClass = <
  const Tag extends string,
  const Kind extends FailureKind,
  Args extends unknown[],
  const Fields extends object = Record<never, never>,
  Base extends ErrorBase = typeof ProvidersError,
>(
  tag: Tag,
  kind: Kind | ((fields: Readonly<Fields>) => Kind),
  parts: (...args: Args) => ErrorParts<Fields>,
  base?: Base,
): new (...args: Args) => DeclaredError<Tag, Kind, Fields, Base> => {
  // The base is abstract (ProvidersError is): the class below implements its tag and kind.
  const Parent = (base ?? ProvidersError) as unknown as new (message: string, options?: ErrorOptions) => ProvidersError;
  class Declared extends Parent {
    override readonly _tag: Tag;
    override readonly kind: Kind;
    constructor(...args: Args) {
      const made = parts(...args);
      super(made.message, 'cause' in made ? { cause: made.cause } : undefined);
      const fields = (made.fields ?? {}) as Fields;
      this._tag = tag;
      this.kind = typeof kind === 'function' ? kind(fields) : kind;
      Object.assign(this, fields);
    }
  }
  return Declared as unknown as new (...args: Args) => DeclaredError<Tag, Kind, Fields, Base>;
};
