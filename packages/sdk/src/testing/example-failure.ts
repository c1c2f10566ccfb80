import { ProvidersError, type FailureKind } from '@providers/domain';

/** An error of any kind, declared as a library error declares its own: for tests of what a kind is mapped to. */
export class ExampleFailure extends ProvidersError {
  readonly _tag = 'Example' as const;
  constructor(readonly kind: FailureKind) {
    super(`an example of kind ${kind}`);
  }
}
