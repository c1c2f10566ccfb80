// A spy on the wire: a loopback HTTP server that forwards every request to another loopback
// server (moto) and records the STS or IAM action of each, so a test can say "no STS call was made".
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running recording proxy. */
export interface RecordingProxy {
  readonly url: string;
  /** The `Action` of every request forwarded so far, in order. */
  readonly actions: readonly string[];
  close(): Promise<void>;
}

const bodyOf = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

/** Starts a proxy on 127.0.0.1 in front of `target` (an `http://127.0.0.1:PORT` URL). */
export const startRecordingProxy = async (target: string): Promise<RecordingProxy> => {
  const to = new URL(target);
  if (to.hostname !== '127.0.0.1') throw new Error('the recording proxy only forwards to loopback');
  const actions: string[] = [];
  const server = createServer((incoming, outgoing) => {
    void bodyOf(incoming).then((body) => {
      actions.push(new URLSearchParams(body.toString('utf8')).get('Action') ?? `${incoming.method} ${incoming.url}`);
      const upstream = forward(
        { host: to.hostname, port: to.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
