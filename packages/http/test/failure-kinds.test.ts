// An HTTP status is decided by an error's kind (finer where the tag says more), so that a new error cannot go unanswered.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FAILURE_KINDS, MasterKeyMissing, NoProviderResolved } from '@providers/sdk';
import { ExampleFailure } from '@providers/sdk/testing';
import { toHttpError } from '../src/errors.js';

const kinds = suite('statuses by kind');

kinds('HTTP answers by kind, a finer status where the tag says more, and a failure echoes nothing', () => {
  const statuses = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, toHttpError(new ExampleFailure(kind)).status]));
  assert.equal(statuses, { rejected: 422, usage: 400, unavailable: 503, failure: 500 });
  assert.is(toHttpError(new NoProviderResolved('aws', 'app1/api/prod', [])).status, 404);
  assert.is(toHttpError(new MasterKeyMissing()).status, 503);
  const failure = toHttpError(new ExampleFailure('failure')).body;
  assert.equal(failure, { error: 'InternalError', field: null, message: 'the request failed; see the server log' });
});

kinds.run();
