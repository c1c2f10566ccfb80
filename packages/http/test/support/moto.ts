// moto_server on a free loopback port, started by the test and stopped when it ends.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto_server. */
export interface Moto {
  readonly url: string;
  close(): Promise<void>;
}

/** Whether moto_server can be run here. */
export const motoAvailable = (): boolean => {
  const probe = spawnSync('moto_server', ['--help'], { encoding: 'utf8', timeout: 60_000 });
  return probe.error === undefined && probe.status === 0;
};

/** A port nobody listens on (for "the server is down"). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Starts `moto_server -H 127.0.0.1 -p PORT` and waits until it answers. */
export const startMoto = async (): Promise<Moto> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto_server did not answer within 60 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
