// Test servers started as child processes (PostgreSQL, moto) are told a port to listen on, and a
// test of "the server is down" needs a port nobody listens on: both ask the OS for one this way.
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago: the OS hands it out, and it is let go at once. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
