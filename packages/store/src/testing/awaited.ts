// Waiting in tests for what a promise does: a rejection of a given type, or anything within a bound.
import * as assert from 'uvu/assert';

/** The error `promise` rejects with, checked to be a `type`; fails the test when it resolves. */
export const rejection = async <E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, type);
    return error as E;
  }
  return fail(`expected a ${type.name}, the call succeeded`);
};

/** `promise`, or a failure naming `what` after `ms` milliseconds: a test fails instead of hanging. */
export const within = <T>(ms: number, promise: Promise<T>, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** Fails the test with `message`. */
export const fail = (message: string): never => {
  assert.unreachable(message);
  throw new Error(message);
};
