// Infrastructure failures of a store, as typed errors every adapter throws.
import { ProvidersError } from '@providers/domain';

/** The stream was not at the revision the writer decided on: nothing was appended. */
export class WrongExpectedRevision extends ProvidersError {
  readonly _tag = 'WrongExpectedRevision' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly stream: string,
    readonly expected: bigint | 'any',
    readonly actual: bigint,
  ) {
    super(`stream ${stream} is at revision ${actual}, the writer expected ${expected}`);
  }
}

/** The store cannot be reached or is locked; retrying later may succeed. */
export class StoreUnavailable extends ProvidersError {
  readonly _tag = 'StoreUnavailable' as const;
  readonly kind = 'unavailable' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The store answered, but not as the port promises: a bad row, a broken file, a refused write. */
export class StoreFailure extends ProvidersError {
  readonly _tag = 'StoreFailure' as const;
  readonly kind = 'failure' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Only logs may lose their oldest events: this stream is one that states are rebuilt from. Nothing was removed. */
export class StreamNotPrunable extends ProvidersError {
  readonly _tag = 'StreamNotPrunable' as const;
  readonly kind = 'rejected' as const;
  readonly field = 'stream';
  constructor(readonly stream: string) {
    super(`stream ${stream} cannot be truncated: only the issuance log's streams (providers-issuance-<orgId>) may lose their oldest events`);
  }
}

/** Every error a store adapter throws. */
export type StoreError = WrongExpectedRevision | StoreUnavailable | StoreFailure | StreamNotPrunable;

/** Tells a store's typed error from anything else a caller may catch. */
export const isStoreError = (error: unknown): error is StoreError =>
  error instanceof WrongExpectedRevision || error instanceof StoreUnavailable || error instanceof StoreFailure || error instanceof StreamNotPrunable;
