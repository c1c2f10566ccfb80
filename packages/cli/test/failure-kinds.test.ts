// The CLI's exit code is decided by an error's kind, so that a new error cannot fall through unlisted.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FAILURE_KINDS, MasterKeyMissing, NoProviderResolved, ProvidersError, type FailureKind } from '@providers/sdk';
import { classify } from '../src/cli-errors.js';

const kinds = suite('exit codes by kind');

/** An error of a kind, as a subclass would declare it. */
class Example extends ProvidersError {
  readonly _tag = 'Example' as const;
  constructor(readonly kind: FailureKind) {
    super(`an example of kind ${kind}`);
  }
}

kinds('the CLI exits by kind: rejected 1, usage 2, unavailable and failure 3, anything unknown 3', () => {
  const codes = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, classify(new Example(kind)).code]));
  assert.equal(codes, { rejected: 1, usage: 2, unavailable: 3, failure: 3 });
  assert.is(classify(new Error('boom')).code, 3);
  assert.is(classify(new MasterKeyMissing()).code, 2);
  assert.is(classify(new NoProviderResolved('aws', 'app1/api/prod', [])).code, 1);
});

kinds.run();
