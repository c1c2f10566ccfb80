// The domain is pure: no Node modules, no I/O, no clock, no randomness, no code generated at run time.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const src = fileURLToPath(new URL('../src', import.meta.url));
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+['"]node:/, 'a node: import'],
  [/\brequire\s*\(/, 'require()'],
  [/\bprocess\./, 'process'],
  [/\bDate\.now\b|new Date\s*\(/, 'the clock'],
  [/\bMath\.random\b|\bcrypto\b/, 'randomness'],
  [/\bfetch\s*\(|\bsetTimeout\b|\bsetInterval\b|\bconsole\./, 'I/O'],
  [/\bnew\s+Function\b|\bFunction\s*\(|\beval\b/, 'code generated at run time (new Function, eval)'],
];

test('no source file of the domain reaches for Node, I/O, the clock, randomness or generated code', () => {
  assert.ok(files.length > 5);
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const [pattern, what] of FORBIDDEN) assert.not.match(text, pattern, `${file} uses ${what}`);
    for (const [, from] of text.matchAll(/from\s+['"]([^'"]+)['"]/g))
      assert.ok(/^\.\.?\//.test(from!) || /^(io-ts|fp-ts)(\/|$)/.test(from!), `${file} imports ${from}: the domain imports only io-ts and fp-ts`);
  }
});

test('the domain type-checks with no Node types in scope', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'packages/domain/tsconfig.json'], { cwd: root, encoding: 'utf8' });
  assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test.run();
