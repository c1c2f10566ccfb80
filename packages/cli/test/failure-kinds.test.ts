// The CLI's exit code is decided by an error's kind, so that a new error cannot fall through unlisted.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FAILURE_KINDS, MasterKeyMissing, NoProviderResolved } from '@providers/sdk';
import { ExampleFailure } from '@providers/sdk/testing';
import { classify } from '../src/cli-errors.js';

const kinds = suite('exit codes by kind');

kinds('the CLI exits by kind: rejected 1, usage 2, unavailable and failure 3, anything unknown 3', () => {
  const codes = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, classify(new ExampleFailure(kind)).code]));
  assert.equal(codes, { rejected: 1, usage: 2, unavailable: 3, failure: 3 });
  assert.is(classify(new Error('boom')).code, 3);
  assert.is(classify(new MasterKeyMissing()).code, 2);
  assert.is(classify(new NoProviderResolved('aws', 'app1/api/prod', [])).code, 1);
});

kinds.run();
