// Runs every `*.test.ts` of the workspace, each file in its own Node process
// (uvu suites), a few at a time, and ends with the line `N passed, N failed`.
// The type-check of the whole workspace runs beside them and counts as one check.
// Usage: pnpm test [substring …]   (only the files whose path contains one of them;
// the type-check is then left out)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

const findTests = (dir: string): string[] => {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
};

const files = ['packages', 'examples']
  .flatMap((top) => findTests(join(root, top)))
  .map((path) => relative(root, path))
  .filter((path) => filters.length === 0 || filters.some((f) => path.includes(f)))
  .sort();

interface FileResult {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly output: string;
  readonly ms: number;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const count = (text: string, label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);

const runFile = (file: string): Promise<FileResult> =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      // No test file may reach an instance metadata endpoint, whatever it forgets to set: the AWS SDKs read this.
      env: { ...process.env, FORCE_COLOR: '0', AWS_EC2_METADATA_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const text = stripAnsi(output);
      const total = count(text, 'Total');
      const passed = count(text, 'Passed');
      const skipped = count(text, 'Skipped');
      // A file that crashed or exited non-zero without failing a test still counts as a failure.
      let failed = Math.max(0, total - passed - skipped);
      if (code !== 0 && failed === 0) failed = 1;
      if (total === 0 && code === 0) failed = 1; // a test file that ran no test is a defect
      resolve({ file, passed, failed, skipped, output: text, ms: Date.now() - started });
    });
  });

const typecheck = (): Promise<FileResult> =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const ok = code === 0;
      resolve({ file: 'type-check (tsc -p tsconfig.json)', passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, output, ms: Date.now() - started });
    });
  });

const parallel = Math.max(1, Math.min(Number(process.env.TEST_PARALLEL ?? availableParallelism()), 4));
const results: FileResult[] = [];
let next = 0;
const worker = async () => {
  while (next < files.length) {
    const file = files[next++]!;
    report(await runFile(file));
  }
};
const report = (result: FileResult) => {
  results.push(result);
  const mark = result.failed > 0 ? 'FAIL' : 'ok  ';
  console.log(`${mark} ${result.file} (${result.passed} passed, ${result.failed} failed, ${(result.ms / 1000).toFixed(1)}s)`);
  if (result.failed > 0) console.log(result.output.replace(/^/gm, '    | '));
};
const checks: Promise<void>[] = Array.from({ length: parallel }, worker);
if (filters.length === 0) checks.push(typecheck().then(report));
await Promise.all(checks);

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const skipped = results.reduce((sum, r) => sum + r.skipped, 0);
if (files.length === 0) console.log('no test files matched');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
