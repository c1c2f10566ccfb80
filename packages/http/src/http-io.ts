// Reading requests and writing answers: bounded bodies, JSON decoded with a codec, no caching of
// anything this server answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as t from 'io-ts';
import { decodeOrExplain } from './decode.js';
import { HttpError } from './errors.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, refused past 1 MiB. */
export const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BodyTooLarge', `a request body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/** A JSON body decoded with `codec`; a misfit is a 400 naming the field. */
export const decodeJson = async <A>(request: IncomingMessage, codec: t.Type<A, unknown, unknown>): Promise<A> => {
  // Only JSON: a cross-site HTML form cannot send it, so the API cannot be ridden by a page.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
    throw new HttpError(415, 'UnsupportedMediaType', 'send the request body as application/json');
  let json: unknown;
  try {
    json = JSON.parse((await readBody(request)).toString('utf8'));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'InvalidJson', 'the request body is not JSON');
  }
  const decoded = decodeOrExplain(codec, json);
  if (decoded._tag === 'Left') throw new HttpError(400, 'InvalidInput', `${decoded.left.field}: ${decoded.left.rule}`, decoded.left.field);
  return decoded.right;
};

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** Answers JSON. */
export const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  response.end(JSON.stringify(body));
};

/** Answers a page: no framing, no script but the page's own, no form posting elsewhere. */
export const sendHtml = (response: ServerResponse, status: number, page: string, headers: Record<string, string> = {}): void => {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    ...SECURITY_HEADERS,
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ...headers,
  });
  response.end(page);
};

/** Answers a redirect after a form (303: the browser follows with a GET). */
export const redirect = (response: ServerResponse, location: string, headers: Record<string, string> = {}): void => {
  response.writeHead(303, { location, ...SECURITY_HEADERS, ...headers });
  response.end();
};
