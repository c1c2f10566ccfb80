import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'packages/cli/bin/providers.js');
let built = false;

/** Builds the bundle the `providers` bin runs, once per test file, so the tests run what users run. */
const ensureBuilt = () => {
  if (built) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr}`);
  built = true;
};

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = unknown>(): T;
}

/** A scratch directory with its own store, and a way to run the real CLI in it. */
export const workspace = (env: Record<string, string> = {}) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'providers-cli-'));
  const run = (args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): CliRun => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      input: options.input ?? '',
      // A hang is a failure (exit code -1), not a stuck test run.
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', HOME: dir, PROVIDERS_ACTOR: 'alice', ...env, ...options.env },
    });
    return {
      code: result.status ?? -1,
      stdout: result.stdout,
      stderr: result.stderr,
      json: <T>() => JSON.parse(result.stdout) as T,
    };
  };
  /** The same, without blocking the event loop: for tests whose servers run in this process. */
  const runAsync = (args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, PROVIDERS_ACTOR: 'alice', ...env, ...options.env } },
        (error, stdout, stderr) =>
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
            stdout,
            stderr,
            json: <T>() => JSON.parse(stdout) as T,
          }),
      );
    });
  /** `run` with `input` on stdin, failing the test unless the CLI exits 0. */
  const ok = (args: readonly string[], input?: string): CliRun => succeeded(args, run(args, input === undefined ? {} : { input }));
  /** `runAsync` with `env`, failing the test unless the CLI exits 0. */
  const okAsync = async (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> => succeeded(args, await runAsync(args, { env }));
  return { dir, bin, run, runAsync, ok, okAsync, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

const succeeded = (args: readonly string[], r: CliRun): CliRun => {
  assert.is(r.code, 0, `providers ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r;
};
