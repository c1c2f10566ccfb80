// Authentication is a fixed bearer token → actor map, so that who may do what stays visible:
// the backend only says who is calling; the library's rules say what that role may do.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Actor } from '@providers/domain';

/** Who a token stands for: an actor (id and role) of one org. */
export interface Principal {
  readonly actor: Actor;
  readonly orgId: string;
}

/** Bearer token → principal. */
export type TokenMap = Readonly<Record<string, Principal>>;

/** The cookie the page's sign-in sets, for browsers (which cannot send a bearer header on navigation). */
export const SESSION_COOKIE = 'providers_token';

// Looked up by hash, so that a lookup does not compare the secret token itself character by character.
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Returns the lookup of a token map: the principal of a token, or undefined. */
export const authenticator = (tokens: TokenMap) => {
  const byDigest = new Map(Object.entries(tokens).map(([token, principal]) => [digest(token), principal]));
  return (token: string | undefined): Principal | undefined => (token === undefined ? undefined : byDigest.get(digest(token)));
};

/** The token of a request: `Authorization: Bearer …`, else the session cookie. */
export const tokenOf = (request: IncomingMessage): string | undefined => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
};

/** The demo's tokens: one owner, one admin and one member of org `acme`, and an admin of `globex`. */
export const DEMO_TOKENS: TokenMap = {
  'owner-token': { orgId: 'acme', actor: { id: 'olivia', role: 'owner' } },
  'admin-token': { orgId: 'acme', actor: { id: 'alice', role: 'admin' } },
  'member-token': { orgId: 'acme', actor: { id: 'mo', role: 'member' } },
  'globex-admin-token': { orgId: 'globex', actor: { id: 'gus', role: 'admin' } },
};
