// `providers serve`: the handler on its own server, bound to loopback unless told otherwise.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProvidersHandler, type HandlerOptions } from './handler.js';
import { sendJson } from './http-io.js';

/** Where to listen; port 0 picks a free one. */
export interface ServeOptions extends HandlerOptions {
  readonly host?: string;
  readonly port?: number;
}

/** A running server and its base URL. */
export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server that answers the API and the console, and 404 for anything else. */
export const serve = async (options: ServeOptions): Promise<RunningServer> => {
  const handle = createProvidersHandler(options);
  const server = createServer((request, response) => {
    void handle(request, response).then((handled) => {
      if (handled) return;
      if (request.url === '/' || request.url === '') {
        response.writeHead(303, { location: '/console' });
        response.end();
        return;
      }
      sendJson(response, 404, { error: 'NotFound', field: null, message: `no route ${new URL(request.url ?? '/', 'http://localhost').pathname}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
};
