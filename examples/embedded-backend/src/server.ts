// The HTTP layer: routes, authentication, request decoding, and the mapping of errors to statuses.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeWith, type DomainError } from '@providers/domain';
import { AddProviderRequest, DeployRequest, LinkRequest, SetDefaultRequest, UnlinkRequest, type DeployResponse } from './api.js';
import { authenticator, SESSION_COOKIE, tokenOf, type Principal, type TokenMap } from './auth.js';
import { HttpError, toHttpError } from './http-errors.js';
import { orgPage, signInPage } from './page.js';
import { providerViews, servicePicture } from './views.js';
import type { Backend } from './wiring.js';

const MAX_BODY_BYTES = 64 * 1024;

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BodyTooLarge', `a request body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** Reads a JSON body and decodes it with a codec of api.ts; a value that breaks a rule is a 400 naming the field. */
const decodeBody = async <A>(request: IncomingMessage, codec: t.Type<A, unknown, unknown>): Promise<A> => {
  // Only JSON: a cross-site HTML form cannot send it, so the session cookie cannot be ridden.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
    throw new HttpError(415, 'UnsupportedMediaType', 'send the request body as application/json');
  let json: unknown;
  try {
    json = JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'InvalidJson', 'the request body is not JSON');
  }
  return orThrow(decodeWith(codec)(json));
};

const orThrow = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

const sendHtml = (response: ServerResponse, status: number, page: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  response.end(page);
};

/** What a route handler gets: the request, who is calling, and the route's parameters. */
interface Call {
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly principal: Principal;
  readonly params: readonly string[];
}

type Route = readonly [method: string, path: RegExp, handle: (call: Call, response: ServerResponse) => Promise<void>];

/** Creates the backend's request listener. */
export const createHandler = (backend: Backend, tokens: TokenMap) => {
  const authenticate = authenticator(tokens);
  const orgOf = (call: Call): string => {
    const orgId = decodeURIComponent(call.params[0]!);
    // Tenancy is the backend's to enforce: a token is good for its own org only.
    if (orgId !== call.principal.orgId) throw new HttpError(403, 'OtherOrganization', `${call.principal.actor.id} may not act on organization ${orgId}`, 'orgId');
    return orgId;
  };
  const written = (providerId: string | null) => ({ ok: true as const, providerId });

  const routes: readonly Route[] = [
    ['GET', /^\/orgs\/([^/]+)$/, async (call, response) => {
      const orgId = orgOf(call);
      const models = await backend.readModels(orgId);
      const app = call.url.searchParams.get('app');
      const service = call.url.searchParams.get('service');
      const picture = app && service ? servicePicture(models, orgId, app, service) : undefined;
      sendHtml(response, 200, orgPage(call.principal, providerViews(models, orgId), picture));
    }],
    ['GET', /^\/api\/orgs\/([^/]+)\/providers$/, async (call, response) => {
      const orgId = orgOf(call);
      send(response, 200, { orgId, providers: providerViews(await backend.readModels(orgId), orgId) });
    }],
    ['POST', /^\/api\/orgs\/([^/]+)\/providers$/, async (call, response) => {
      const orgId = orgOf(call);
      const body = await decodeBody(call.request, AddProviderRequest);
      const providerId = body.providerId ?? `prv-${randomUUID()}`;
      orThrow(await backend.addProvider({
        orgId, actor: call.principal.actor, providerId, name: body.name, type: body.type,
        credentials: { kind: 'aws-role', roleArn: body.roleArn, ...(body.externalId ? { externalId: body.externalId } : {}), ...(body.sessionDurationSeconds ? { sessionDurationSeconds: body.sessionDurationSeconds } : {}) },
      }));
      send(response, 201, written(providerId));
    }],
    ['PUT', /^\/api\/orgs\/([^/]+)\/default$/, async (call, response) => {
      const orgId = orgOf(call);
      const { providerId } = await decodeBody(call.request, SetDefaultRequest);
      orThrow(await backend.execute(orgId, call.principal.actor, { type: 'SetDefaultProvider', providerId }));
      send(response, 200, written(providerId));
    }],
    ['POST', /^\/api\/orgs\/([^/]+)\/links$/, async (call, response) => {
      const orgId = orgOf(call);
      const { providerId, app, service, stage, region, replace } = await decodeBody(call.request, LinkRequest);
      if (region !== undefined && stage === undefined) throw new HttpError(400, 'InvalidInput', 'region: a region needs a stage', 'region');
      const options = { ...(replace ? { replace } : {}) };
      orThrow(await backend.execute(orgId, call.principal.actor, stage === undefined
        ? { type: 'LinkProviderToService', providerId, app, service, ...options }
        : { type: 'LinkProviderToInstance', providerId, app, service, stage, ...(region ? { region } : {}), ...options }));
      send(response, 201, written(providerId));
    }],
    ['DELETE', /^\/api\/orgs\/([^/]+)\/links$/, async (call, response) => {
      const orgId = orgOf(call);
      const { app, service, stage, region, type = 'aws' } = await decodeBody(call.request, UnlinkRequest);
      if (region !== undefined && stage === undefined) throw new HttpError(400, 'InvalidInput', 'region: a region needs a stage', 'region');
      orThrow(await backend.execute(orgId, call.principal.actor, stage === undefined
        ? { type: 'UnlinkProviderFromService', app, service, providerType: type }
        : { type: 'UnlinkProviderFromInstance', app, service, stage, providerType: type, ...(region ? { region } : {}) }));
      send(response, 200, written(null));
    }],
    ['GET', /^\/api\/orgs\/([^/]+)\/services\/([^/]+)\/([^/]+)$/, async (call, response) => {
      const orgId = orgOf(call);
      const [app, service] = [decodeURIComponent(call.params[1]!), decodeURIComponent(call.params[2]!)];
      send(response, 200, servicePicture(await backend.readModels(orgId), orgId, app, service, call.url.searchParams.get('type') ?? 'aws'));
    }],
    ['POST', /^\/api\/orgs\/([^/]+)\/deploy$/, async (call, response) => {
      const orgId = orgOf(call);
      const body = await decodeBody(call.request, DeployRequest);
      const { resolution, credentials } = await backend.deploy({ orgId, ...body, actor: call.principal.actor.id });
      if (credentials.kind !== 'aws') throw new HttpError(400, 'InvalidInput', 'type: the deploy endpoint vends AWS credentials only', 'type');
      const answer: DeployResponse = {
        source: resolution.source,
        provider: resolution.provider && { providerId: resolution.provider.id, name: resolution.provider.name, accountId: resolution.provider.accountId ?? null },
        chain: resolution.chain.map(({ scope, key, providerId }) => ({ scope, key, providerId })),
        credentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken ?? null,
          expiration: credentials.expiration?.toISOString() ?? null,
        },
      };
      send(response, 200, answer);
    }],
  ];

  /** The sign-in: a known token becomes an HttpOnly, same-site session cookie. */
  const signIn = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(request));
    const requested = form.get('next') ?? '/';
    // Only a path of this site: never an open redirect.
    const next = /^\/(?!\/)/.test(requested) ? requested : '/';
    const token = form.get('token') ?? '';
    if (!authenticate(token)) return sendHtml(response, 401, signInPage(next, true));
    response.writeHead(303, {
      location: next,
      'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    });
    response.end();
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (request.method === 'POST' && url.pathname === '/login') return await signIn(request, response);
      const matching = routes.filter(([, path]) => path.test(url.pathname));
      if (matching.length === 0) throw new HttpError(404, 'NotFound', `no route ${url.pathname}`);
      const route = matching.find(([method]) => method === request.method);
      if (!route) throw new HttpError(405, 'MethodNotAllowed', `${request.method} is not allowed on ${url.pathname}`);
      const principal = authenticate(tokenOf(request));
      if (!principal) {
        if (request.method === 'GET' && !url.pathname.startsWith('/api/')) return sendHtml(response, 401, signInPage(url.pathname + url.search, false));
        throw new HttpError(401, 'Unauthenticated', 'send Authorization: Bearer <token> with a known token');
      }
      await route[2]({ request, url, principal, params: route[1].exec(url.pathname)!.slice(1) }, response);
    } catch (error) {
      const { status, body } = toHttpError(error);
      if (status === 500) console.error(`${request.method} ${url.pathname} failed:`, error instanceof Error ? error.name : 'unknown error');
      send(response, status, body);
    }
  };
};

/** Starts the backend on `host:port` (port 0: any free one); resolves once it listens. */
export const startServer = async (backend: Backend, tokens: TokenMap, options: { host?: string; port?: number } = {}): Promise<{ server: Server; url: string }> => {
  const server = createServer(createHandler(backend, tokens));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return { server, url: `http://${address}:${port}` };
};
