import { errorClass, type FailureKind } from '@providers/domain';

/** An error of any kind, declared as a library error declares its own: for tests of what a kind is mapped to. */
export class ExampleFailure extends errorClass('Example', ({ kind }) => kind, (kind: FailureKind) => ({ fields: { kind }, message: `an example of kind ${kind}` })) {}
