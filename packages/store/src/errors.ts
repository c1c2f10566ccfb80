/** Infrastructure failures of a store, as typed errors every adapter throws. */

/** The stream was not at the revision the writer decided on: nothing was appended. */
export class WrongExpectedRevision extends Error {
  readonly _tag = 'WrongExpectedRevision' as const;
  constructor(
    readonly stream: string,
    readonly expected: bigint | 'any',
    readonly actual: bigint,
  ) {
    super(`stream ${stream} is at revision ${actual}, the writer expected ${expected}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** The store cannot be reached or is locked; retrying later may succeed. */
export class StoreUnavailable extends Error {
  readonly _tag = 'StoreUnavailable' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/** The store answered, but not as the port promises: a bad row, a broken file, a refused write. */
export class StoreFailure extends Error {
  readonly _tag = 'StoreFailure' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreFailure';
  }
}

/** Only logs may lose their oldest events: this stream is one that states are rebuilt from. Nothing was removed. */
export class StreamNotPrunable extends Error {
  readonly _tag = 'StreamNotPrunable' as const;
  readonly field = 'stream';
  constructor(readonly stream: string) {
    super(`stream ${stream} cannot be truncated: only the issuance log's streams (providers-issuance-<orgId>) may lose their oldest events`);
    this.name = 'StreamNotPrunable';
  }
}

/** Every error a store adapter throws. */
export type StoreError = WrongExpectedRevision | StoreUnavailable | StoreFailure | StreamNotPrunable;

/** Tells a store's typed error from anything else a caller may catch. */
export const isStoreError = (error: unknown): error is StoreError =>
  error instanceof WrongExpectedRevision || error instanceof StoreUnavailable || error instanceof StoreFailure || error instanceof StreamNotPrunable;
