// The one way to declare an error class: what a declared class gives its errors, at run time and in their types.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProvidersError, errorClass, type FailureKind } from '../src/index.js';

class ModelUnreadable extends errorClass('ModelUnreadable', 'failure', (model: string, revision: bigint, detail: string) => ({
  fields: { field: 'model', model, revision },
  message: `the ${model} model cannot be read at revision ${revision}: ${detail}`,
})) {}

class WriteRefused extends errorClass('WriteRefused', 'unavailable', (path: string, cause: unknown) => ({ fields: { path }, message: `cannot write ${path}`, cause })) {}

class KindGiven extends errorClass('KindGiven', ({ kind }) => kind, (kind: 'rejected' | 'usage') => ({ fields: { kind }, message: `of kind ${kind}` })) {}

/** A base of the library's own, as vending's failures have one. */
abstract class Hinted extends ProvidersError {
  abstract readonly hint: string;
}

class HintedFailure extends errorClass('HintedFailure', 'rejected', (hint: string) => ({ fields: { hint }, message: `refused. ${hint}` }), Hinted) {}

test('an error has its tag, its kind, its fields and its message', () => {
  const error = new ModelUnreadable('catalog', 7n, 'expected an object');
  assert.is(error._tag, 'ModelUnreadable');
  assert.is(error.kind, 'failure');
  assert.is(error.field, 'model');
  assert.is(error.model, 'catalog');
  assert.is(error.revision, 7n);
  assert.is(error.message, 'the catalog model cannot be read at revision 7: expected an object');
  // What the message says but the fields do not keep stays out of the error.
  assert.not.ok('detail' in error);
});

test('an error is an instance of its class, of ProvidersError and of Error, and is named by its tag', () => {
  const error = new ModelUnreadable('catalog', 1n, 'damaged');
  assert.ok(error instanceof ModelUnreadable);
  assert.ok(error instanceof ProvidersError);
  assert.ok(error instanceof Error);
  assert.not.ok(error instanceof WriteRefused);
  assert.is(error.name, 'ModelUnreadable');
  assert.ok(String(error.stack).startsWith('ModelUnreadable: the catalog model'), String(error.stack));
  assert.is(ModelUnreadable.name, 'ModelUnreadable');
});

test('a cause is attached when the parts give one, and only then', () => {
  const cause = new Error('ENOSPC');
  const error = new WriteRefused('/tmp/x', cause);
  assert.is(error.cause, cause);
  assert.is(error.path, '/tmp/x');
  assert.not.ok('cause' in new ModelUnreadable('catalog', 1n, 'damaged'));
});

test('a class whose errors differ in kind takes it from their fields', () => {
  assert.is(new KindGiven('rejected').kind, 'rejected');
  assert.is(new KindGiven('usage').kind, 'usage');
});

test('a class may extend a subclass of ProvidersError', () => {
  const error = new HintedFailure('ask again');
  assert.ok(error instanceof Hinted);
  assert.ok(error instanceof ProvidersError);
  assert.is(error.hint, 'ask again');
  assert.is(error.message, 'refused. ask again');
  assert.is(error.name, 'HintedFailure');
});

test('tags and kinds are literal types, so edges can narrow on them and map kinds exhaustively', () => {
  const error = new ModelUnreadable('catalog', 1n, 'damaged');
  const tag: 'ModelUnreadable' = error._tag;
  const kind: 'failure' = error.kind;
  const field: 'model' = error.field;
  const given: 'rejected' | 'usage' = new KindGiven('usage').kind;
  const anyKind: FailureKind = kind;
  assert.equal([tag, kind, field, given, anyKind], ['ModelUnreadable', 'failure', 'model', 'usage', 'failure']);
  // Never called: what the type checker refuses.
  const refused = () => {
    // @ts-expect-error the constructor takes the parts' arguments, positionally
    new ModelUnreadable('catalog');
    // @ts-expect-error fields are read-only
    error.model = 'other';
  };
  assert.type(refused, 'function');
});

test.run();
