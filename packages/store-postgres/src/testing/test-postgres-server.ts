import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '@providers/store/testing';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';

/** How a throwaway server is set up. */
export interface TestPostgresServerOptions {
  /**
   * Flush every commit to disk, as a production server does. Off by default:
   * tests then run faster, and a stopped (even killed) server still loses no
   * commit, because commits still reach the write-ahead log before they are
   * acknowledged; only an OS crash needs the flush. Benchmarks turn it on.
   */
  readonly durable?: boolean;
}

/** A PostgreSQL server of its own in a temporary directory, on a loopback port. */
export interface TestPostgresServer {
  /** The URL of the server's `postgres` database, as user `postgres` (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data: `immediate` is a crash (recovery runs on the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again, on the same port and data. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

/** The operating-system account the server runs as: PostgreSQL refuses to run as root. */
const serverUser = 'postgres';
const runningAsRoot = process.getuid?.() === 0;

/**
 * Runs `initdb` and starts `pg_ctl` in a new temporary directory (owned by
 * `postgres` when the tests run as root), listening on a free port of
 * 127.0.0.1 and on a unix socket in that directory. The server is stopped
 * and its directory removed when this process exits, also on a failed test.
 */
export const startTestPostgresServer = async (options: TestPostgresServerOptions = {}): Promise<TestPostgresServer> => {
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql: apt-get install postgresql');
  const root = mkdtempSync(join(tmpdir(), 'providers-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (runningAsRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(spawnSync('id', [flag, serverUser], { encoding: 'utf8' }).stdout.trim()));
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`the tests run as root and there is no '${serverUser}' user to run PostgreSQL as`);
    for (const dir of [root, sockets]) chownSync(dir, uid!, gid!);
  }
  let running = false;
  const stopNow = () => {
    if (running) spawnSync(...asServerUser(binaries.pgCtl, ['-D', data, 'stop', '-m', 'immediate', '-w']), { stdio: 'ignore' });
    running = false;
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  // A test run stopped with Ctrl-C or a kill does not fire 'exit': stop the server then too.
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  await run(binaries, binaries.initdb, ['-D', data, '-U', serverUser, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], root);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${sockets}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(options.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
  ].join(' ');
  const start = async () => {
    await run(binaries, binaries.pgCtl, ['-D', data, '-l', join(root, 'server.log'), '-o', settings, '-w', '-t', '60', 'start'], root);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await run(binaries, binaries.pgCtl, ['-D', data, 'stop', '-m', mode, '-w'], root);
    running = false;
  };
  await start();
  const url = `postgres://${serverUser}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://${serverUser}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop,
    start,
    destroy: async () => {
      if (running) await stop('fast');
      process.removeListener('exit', stopNow);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      stopNow();
    },
  };
};

const asServerUser = (command: string, args: readonly string[]): [string, string[]] =>
  runningAsRoot ? ['runuser', ['-u', serverUser, '--', command, ...args]] : [command, [...args]];

/** Runs a server tool to its end; a failure carries its output and the server log. */
const run = (binaries: PostgresBinaries, command: string, args: readonly string[], root: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const [program, argv] = asServerUser(command, args);
    // The server inherits neither our stdio nor our working directory (which `postgres` may not enter).
    const child = spawn(program, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      let log = '';
      try {
        log = readFileSync(join(root, 'server.log'), 'utf8');
      } catch {
        // No log yet: initdb failed before a server ever ran.
      }
      reject(new Error(`${command} ${args.join(' ')} exited with ${code} (binaries of ${binaries.initdb}):\n${output}${log}`));
    });
  });
