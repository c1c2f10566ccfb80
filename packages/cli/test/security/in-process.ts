import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/run-cli.js';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What runCli threw instead of returning an exit code (it never should). */
  readonly escaped: unknown;
  json<T = unknown>(): T;
}

const sink = () => {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) });
  return { stream, text: () => text };
};

/** Runs the CLI in this process on in-memory streams: the code `providers` runs, thousands of times faster than a process each. */
export const runInProcess = async (argv: readonly string[], env: Record<string, string>, stdin = ''): Promise<InProcessRun> => {
  const out = sink();
  const err = sink();
  let code = -1;
  let escaped: unknown;
  try {
    code = await runCli(argv, { env, stdin: Readable.from([stdin]), stdout: out.stream, stderr: err.stream });
  } catch (error) {
    escaped = error;
  }
  const stdout = out.text();
  return { code, escaped, stdout, stderr: err.text(), json: <T>() => JSON.parse(stdout) as T };
};
