// Routes as data: a method, a path pattern, and what to do; the org in the path is checked against
// the caller's token before any route runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Door } from './door.js';
import { HttpError } from './errors.js';
import { allowedOrg, type Principal } from './tokens.js';

/** What a route gets: the request, who calls, the org (checked), and the path's other parameters. */
export interface Call {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly principal: Principal;
  readonly orgId: string;
  readonly params: readonly string[];
  readonly door: Door;
}

/** One route: its method, its path (the first group is the org), and its handler. */
export type Route = readonly [method: string, path: RegExp, handle: (call: Call) => Promise<void>];

const decodeSegment = (segment: string, index: number): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'InvalidPath', `path segment ${index + 1} is not valid percent-encoding`, 'path');
  }
};

/** The route for a method and path, with its decoded parameters; 404 or 405 otherwise. */
export const match = (routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | undefined => {
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  if (matching.length === 0) return undefined;
  const route = matching.find(([m]) => m === method);
  if (!route) throw new HttpError(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`);
  return { route, params: route[1].exec(path)!.slice(1).map(decodeSegment) };
};

/** Runs a matched route for a principal: the org in its path must be one of the principal's. */
export const run = (matched: { route: Route; params: string[] }, base: Omit<Call, 'orgId' | 'params'>): Promise<void> => {
  const [orgParam, ...rest] = matched.params;
  const orgId = allowedOrg(base.principal, orgParam ?? '');
  return matched.route[2]({ ...base, orgId, params: rest });
};
