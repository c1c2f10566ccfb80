// Infrastructure failures of a store, as typed errors every adapter throws.
import { errorClass } from '@providers/domain';

/** The stream was not at the revision the writer decided on: nothing was appended. */
export class WrongExpectedRevision extends errorClass('WrongExpectedRevision', 'rejected', (stream: string, expected: bigint | 'any', actual: bigint) => ({
  fields: { stream, expected, actual },
  message: `stream ${stream} is at revision ${actual}, the writer expected ${expected}`,
})) {}

/** The store cannot be reached or is locked; retrying later may succeed. */
export class StoreUnavailable extends errorClass('StoreUnavailable', 'unavailable', (message: string, options?: { cause?: unknown }) => ({ message, ...options })) {}

/** The store answered, but not as the port promises: a bad row, a broken file, a refused write. */
export class StoreFailure extends errorClass('StoreFailure', 'failure', (message: string, options?: { cause?: unknown }) => ({ message, ...options })) {}

/** Only logs may lose their oldest events: this stream is one that states are rebuilt from. Nothing was removed. */
export class StreamNotPrunable extends errorClass('StreamNotPrunable', 'rejected', (stream: string) => ({
  fields: { field: 'stream', stream },
  message: `stream ${stream} cannot be truncated: only the issuance log's streams (providers-issuance-<orgId>) may lose their oldest events`,
})) {}

/** Every error a store adapter throws. */
export type StoreError = WrongExpectedRevision | StoreUnavailable | StoreFailure | StreamNotPrunable;

/** Tells a store's typed error from anything else a caller may catch. */
export const isStoreError = (error: unknown): error is StoreError =>
  error instanceof WrongExpectedRevision || error instanceof StoreUnavailable || error instanceof StoreFailure || error instanceof StreamNotPrunable;
