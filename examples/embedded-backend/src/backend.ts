// The whole embedding: the backend's own server, with the Providers API and console mounted in it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProvidersHandler, type Tokens } from '@providers/http';
import { Providers, type OpenOptions } from '@providers/sdk';

/** Starts the backend on `host:port` (port 0: any free one). */
export const startBackend = async (options: { open: OpenOptions; tokens: Tokens; host?: string; port?: number }) => {
  const providers = await Providers.open(options.open);
  const mounted = createProvidersHandler({ providers, tokens: options.tokens });
  const server: Server = createServer(async (request, response) => {
    if (await mounted(request, response)) return; // /api/… and /console/…
    if (request.url === '/healthz') return void response.end('ok'); // the backend's own routes go on here
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await providers.close();
  };
  return { url: `http://${address}:${port}`, close };
};
