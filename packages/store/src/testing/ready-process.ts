// Tests that need writers in other OS processes (several processes on one store) start them the same way.
import { spawn } from 'node:child_process';

/** A process of a test, started and waiting for its cue. */
export interface ReadyProcess<Report> {
  /** Settles once the process says it is ready (its store open), or once it ended before that. */
  readonly ready: Promise<void>;
  /** Gives the cue: the process starts its work. */
  go(): void;
  /** The JSON report it printed after `ready`, once it exits 0; a failure naming it and its stderr otherwise. */
  readonly done: Promise<Report>;
}

/**
 * Runs `script` (TypeScript, through tsx) with `args` in a process of its own.
 * The script prints `ready` once it is set up, starts when a line arrives on
 * its stdin, and prints its report as one line of JSON before it exits.
 */
export const startReadyProcess = <Report>(name: string, script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ReadyProcess<Report> => {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Report>((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${name} exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.split('\n')[1]!) as Report);
    }),
  );
  // A process that dies before it is ready must not leave the test waiting.
  return { ready: Promise.race([ready, done.then(() => {})]), go: () => child.stdin.end('go\n'), done };
};
