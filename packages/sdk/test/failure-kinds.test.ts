// One error taxonomy: every error the library throws has a kind (the CLI's exit codes and the HTTP
// API's statuses are decided by it: see their own failure-kinds tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FAILURE_KINDS, MasterKeyMissing, failureKindOf, type FailureKind } from '../src/index.js';

const kinds = suite('failure kinds');
const packages = fileURLToPath(new URL('../..', import.meta.url));

kinds('no source file throws an error class of its own outside the taxonomy', () => {
  let classes = 0;
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    let files: string[];
    try {
      files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('testing'));
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(join(src, file), 'utf8');
      // A class declared by a factory (`errorClass(tag, kind, parts)`, `vendingFailure(…)`) names its kind second: a
      // kind, or a function of the error's fields that gives it.
      for (const [, name, base, declared, kind] of text.matchAll(/class (\w+) extends (\w+)(\(\s*'\w+',\s*(?:'(\w+)'|\())?/g)) {
        if (name === 'ProvidersError') continue;
        classes++;
        assert.is.not(base, 'Error', `${pkg}/src/${file}: ${name} extends Error, not ProvidersError (give it a kind)`);
        if (declared !== undefined) assert.ok(kind === undefined || FAILURE_KINDS.includes(kind as FailureKind), `${pkg}/src/${file}: ${name} names no kind`);
        else if (/Error|Failure|Rejected|Rejection/.test(base!)) assert.match(text, /readonly kind|abstract class/, `${pkg}/src/${file}: ${name} names no kind`);
      }
    }
  }
  assert.ok(classes > 30, `only ${classes} classes found: the scan is not looking where the errors are`);
});

kinds('an error names itself by its tag, and anything not of the library is a failure', () => {
  const error = new MasterKeyMissing();
  assert.is(error.name, 'MasterKeyMissing');
  assert.match(String(error.stack), /^MasterKeyMissing: /);
  assert.is(failureKindOf(error), 'usage');
  assert.is(failureKindOf(new TypeError('x')), 'failure');
  assert.is(failureKindOf('a string'), 'failure');
});

kinds.run();
