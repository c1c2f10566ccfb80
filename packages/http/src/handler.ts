// The request handler an embedder mounts: the JSON API under /api (Authorization: Bearer) and the
// console under /console (a session cookie set by its sign-in form).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Providers } from '@providers/sdk';
import { apiRoutes } from './api-routes.js';
import { handleConsole } from './console/console-handler.js';
import { consoleRoutes } from './console/console-routes.js';
import { Sessions } from './console/sessions.js';
import { Door } from './door.js';
import { HttpError, toHttpError } from './errors.js';
import { sendJson } from './http-io.js';
import { match, run, type Route } from './routing.js';
import { SERVERLESS_PREFIX, serverlessRoutes } from './serverless-routes.js';
import type { Tokens } from './tokens.js';

/** What the handler serves from: the library, the tokens, and where to report failures. */
export interface HandlerOptions {
  readonly providers: Providers;
  readonly tokens: Tokens;
  /** Where a failed request is reported (name of the error only, never its details). Default: stderr. */
  readonly log?: (line: string) => void;
}

/** Handles a request if it is one of ours (true), or leaves the response untouched (false). */
export type ProvidersHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

const bearerOf = (request: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * Creates the handler: `/api/…`, `/console/…` and the Serverless Framework v3 routes under
 * `/serverless/…` are answered; anything else is left to the embedder.
 */
export const createProvidersHandler = (options: HandlerOptions): ProvidersHandler => {
  const door = new Door(options.providers);
  const sessions = new Sessions();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const fail = (request: IncomingMessage, response: ServerResponse, path: string, error: unknown) => {
    const { status, body } = toHttpError(error);
    if (status >= 500) log(`${request.method} ${path} → ${status} ${body.error}${error instanceof Error && status === 500 ? ` (${error.name})` : ''}`);
    if (!response.headersSent) sendJson(response, status, body);
    else response.end();
  };

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      await handleConsole({ door, tokens: options.tokens, sessions, log }, consoleRoutes, request, response);
      return true;
    }
    const routes: readonly Route[] | undefined = url.pathname.startsWith('/api/')
      ? apiRoutes
      : url.pathname.startsWith(`${SERVERLESS_PREFIX}/`)
        ? serverlessRoutes
        : undefined;
    if (!routes) return false;
    try {
      const matched = match(routes, method, url.pathname);
      if (!matched) throw new HttpError(404, 'NotFound', `no route ${url.pathname}`);
      const principal = options.tokens.principalOf(bearerOf(request));
      if (!principal) throw new HttpError(401, 'Unauthenticated', 'send Authorization: Bearer <token> with a known token');
      await run(matched, { request, response, url, principal, door });
    } catch (error) {
      fail(request, response, url.pathname, error);
    }
    return true;
  };
};
